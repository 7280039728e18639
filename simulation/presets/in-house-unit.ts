/**
 * What the in-house HVB, the in-house supported housing and the inter-municipal agreement share: each is a unit
 * (a form with places) that an option adds, which takes a share of the new episodes of the bought form it stands
 * in for and sends them back there when it is full.
 */
import { type Dist } from '../dist.js';
import { type Effect, type Form } from '../schema.js';

export type AddFormEffect = Extract<Effect, { type: 'addForm' }>;

export interface SellFreePlaces {
  /** Price per sold place-day, SEK. */
  pricePerDay: Dist;
  /** Share of free place-days that are sold. */
  utilisation: Dist;
}

/** A unit with every default already resolved. */
export interface UnitSpec {
  id: string;
  label: string;
  segment: string;
  provider: Form['provider'];
  dailyCost: Dist;
  lengthOfStayDays: Dist;
  capacity: number;
  /** The bought form the unit stands in for: full places overflow back to it. */
  overflowTo: string;
  fixedCostPerYear: Dist;
  next?: Form['next'];
  maxAgeYears?: number;
  takesFrom: string[];
  takesShare: Dist;
  sellFreePlaces?: SellFreePlaces;
  fromMonth: number;
}

/** The `addForm` effect of a unit; optional fields are left out rather than written as undefined. */
export function unitEffect(u: UnitSpec): AddFormEffect {
  const form: Form = {
    id: u.id,
    label: u.label,
    segment: u.segment,
    provider: u.provider,
    dailyCost: u.dailyCost,
    lengthOfStayDays: u.lengthOfStayDays,
    capacity: u.capacity,
    overflowTo: u.overflowTo,
    fixedCostPerYear: u.fixedCostPerYear,
  };
  if (u.next !== undefined) form.next = u.next;
  if (u.maxAgeYears !== undefined) form.maxAgeYears = u.maxAgeYears;
  const effect: AddFormEffect = { type: 'addForm', form, takes: { from: u.takesFrom, share: u.takesShare }, fromMonth: u.fromMonth };
  if (u.sellFreePlaces) effect.sellFreePlaces = u.sellFreePlaces;
  return effect;
}
