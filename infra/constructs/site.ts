/**
 * The page: a private S3 bucket behind CloudFront (origin access control), with the API under the same
 * distribution at /api/*, /openapi.json, /docs and /health, so the browser talks to one origin and needs no CORS. Security
 * headers are added at CloudFront; the page's files are uploaded only when web/dist exists at synth time (synth
 * needs no build).
 */
import { Duration } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONTENT_SECURITY_POLICY } from '../security-headers.js';

/** The paths CloudFront sends to the HTTP API: the API itself, its OpenAPI document and Swagger UI. */
export const API_PATHS = ['/api/*', '/openapi.json', '/docs', '/docs/*', '/health'] as const;

export interface SiteProps {
  /** The HTTP API's host (no scheme, no path). */
  apiDomain: string;
  /** web/dist, when it was built before the synth; nothing is uploaded without it. */
  pageDirectory?: string;
  domainName?: string;
  certificateArn?: string;
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    // Server access logs of the page bucket and CloudFront's standard logs. CloudFront writes its logs with ACLs,
    // hence the one bucket in the stack that keeps object ACLs enabled.
    this.logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    this.bucket = new Bucket(this, 'Page', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'page-bucket/',
      // Old versions of the page's files are kept a while for a rollback, not forever.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Placement Planner: the same security headers the app sends',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const toApi: BehaviorOptions = {
      origin: new HttpOrigin(props.apiDomain, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Every API answer is per tenant and token: nothing may be cached at the edge. /openapi.json and /docs are
      // public, but the browser keeps Swagger UI's files a day (the app's Cache-Control and ETag pass through):
      // caching enough for a page developers read.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // The API Gateway endpoint answers only to its own Host; everything else (Authorization, If-Match,
      // Idempotency-Key, If-None-Match, the query string) goes through.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // The app's CSP (script-src 'self', nothing inline) is the one Swagger UI was checked with at /docs.
      responseHeadersPolicy: headers,
    };

    const custom = props.domainName && props.certificateArn;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Placement Planner: the page, /api/*, /openapi.json, /docs and /health',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Swedish municipalities: Europe and North America edges are enough.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      // Only a custom certificate can raise the viewers' minimum TLS version (the default one is fixed at TLSv1).
      ...(custom
        ? {
            domainNames: [props.domainName!],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn!),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      // One origin for all four: CDK adds it to the distribution once.
      additionalBehaviors: Object.fromEntries(API_PATHS.map((path) => [path, toApi])),
    });

    if (props.pageDirectory) {
      new BucketDeployment(this, 'Upload', {
        sources: [Source.asset(props.pageDirectory)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
    }
  }
}
