/**
 * Built-in plan templates. "access-to-remedy" follows the ILO/JICA joint work plan for
 * improving access to remedy for migrant workers from South-East Asia to Japan.
 */
export interface PlanTemplate {
  title: string
  summary: string
  countries: string[]
  areas: { title: string; description: string }[]
}

export const TEMPLATES = {
  'access-to-remedy': {
    title: 'Joint work plan: access to remedy for migrant workers',
    summary:
      'A non-binding plan that maps existing actions by stakeholders in countries of origin and in Japan, ' +
      'and proposes actions for collaboration, so that migrant workers can reach effective remedy.',
    countries: ['KH', 'ID', 'VN', 'PH', 'TH', 'JP'],
    areas: [
      {
        title: 'Grievance mechanisms',
        description: 'Access to judicial and non-judicial grievance mechanisms, in origin and destination, across borders.',
      },
      {
        title: 'Empowerment of migrant workers',
        description: 'Information, training, organizing and support so that workers know and can claim their rights.',
      },
      {
        title: 'Fair and ethical recruitment',
        description: 'Recruitment without fees or deception, and accountability of recruitment agencies and employers.',
      },
      {
        title: 'Implementation mechanisms and enabling environments',
        description: 'Coordination, monitoring, data and policy that let the other areas work and last.',
      },
    ],
  },
  // One area, so that the board has somewhere to add the first action.
  blank: {
    title: 'Untitled plan',
    summary: '',
    countries: [],
    areas: [{ title: 'Actions', description: '' }],
  },
} satisfies Record<string, PlanTemplate>

export type TemplateName = keyof typeof TEMPLATES
