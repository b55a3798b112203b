import { InputError, type InputReader } from '@paved/core/action';
import { ENVIRONMENT_FORM, ENVIRONMENT_NAME } from '@paved/core/config';

export interface Inputs {
  environments: string[];
  period: string;
  'output-dir': string;
  'artifact-name'?: string;
  'github-token'?: string;
}

export function readInputs(read: InputReader): Inputs {
  const environments = read.list('environments');
  for (const name of environments) {
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new InputError('environments', `Input 'environments' must list ${ENVIRONMENT_FORM}s, got '${name}'`);
    }
  }
  return {
    environments: environments.length > 0 ? [...new Set(environments)] : ['production'],
    period: read.string('period', { default: '30d' }),
    'output-dir': read.path('output-dir', { default: 'paved-report', required: true }),
    'artifact-name': read.string('artifact-name', {
      pattern: /^[^"<>|*?:\r\n\\/]{1,200}$/,
      form: 'an artifact name without " : < > | * ? \\ / or line breaks',
    }),
    'github-token': read.secret('github-token'),
  };
}
