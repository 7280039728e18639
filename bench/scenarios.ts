/** The scenarios issue 11's benchmarks run beside the reference run's seven: the baseline and three options. */
export const SCENARIOS_4 = [
  { id: 'baseline', label: 'Nuläge', options: [] },
  { id: 'controller', label: 'Placeringscontroller', options: ['controller'] },
  { id: 'oppenvard', label: 'Öppenvård', options: ['oppenvard'] },
  { id: 'familjehemsrekrytering', label: 'Familjehemsrekrytering', options: ['familjehemsrekrytering'] },
];
