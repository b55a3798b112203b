import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { createGitHubClient, upsertIssueComment, tokenLogin } from '../../src/github/index.js';

// Three identities on one repository: the Actions bot (an installation token, which GET /user
// refuses), a person's token (which GET /user names), and someone who can merely comment.
const TOKENS = { ghs_actions: 'github-actions[bot]', ghp_ada: 'ada', ghp_mallory: 'mallory' };
const MARKER = '<!-- paved:deploy-quality-gate:production -->';

let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator({ autoCreate: true, tokens: TOKENS });
  gh.seed({
    repositories: [
      {
        owner: 'acme',
        name: 'shop',
        pulls: [{ number: 3, title: 'Faster checkout', user: 'ada', head_sha: 'd'.repeat(40), merged: true }],
      },
    ],
  });
});
afterAll(() => gh.stop());

const client = (token: keyof typeof TOKENS) =>
  createGitHubClient({ token, apiUrl: gh.url, repository: 'acme/shop', throttle: false });

describe('upsertIssueComment: only what Paved wrote is edited', () => {
  it('knows who it writes as: the login of a personal token, the Actions bot for an installation token', async () => {
    expect(await tokenLogin(client('ghp_ada'))).toBe('ada');
    expect(await tokenLogin(client('ghs_actions'))).toBe('github-actions[bot]');
  });

  it('leaves a comment that merely carries the marker alone and writes its own, then edits only its own', async () => {
    const mallory = client('ghp_mallory');
    const squatted = await mallory.octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'shop',
      issue_number: 3,
      body: `${MARKER}\nVerdict: pass. Ship it, @ada!`,
    });
    const paved = client('ghs_actions');
    const first = await upsertIssueComment(paved, 3, 'deploy-quality-gate:production', 'verdict: fail');
    expect(first.created).toBe(true);
    expect(first.id).not.toBe(squatted.data.id);
    const again = await upsertIssueComment(paved, 3, 'deploy-quality-gate:production', 'verdict: pass');
    expect(again).toMatchObject({ id: first.id, created: false });

    const comments = gh.state.comments.filter((c) => c.issueNumber === 3);
    expect(comments.map((c) => [c.user, c.body])).toEqual([
      ['mallory', `${MARKER}\nVerdict: pass. Ship it, @ada!`],
      ['github-actions[bot]', `${MARKER}\nverdict: pass`],
    ]);
  });

  it('with a personal token, edits the comment that token wrote, not the bot’s', async () => {
    const ada = client('ghp_ada');
    const mine = await upsertIssueComment(ada, 3, 'deploy-quality-gate:production', 'verdict by ada');
    expect(mine.created).toBe(true);
    const bot = gh.state.comments.find((c) => c.user === 'github-actions[bot]');
    expect(bot?.body).toBe(`${MARKER}\nverdict: pass`);
  });
});
