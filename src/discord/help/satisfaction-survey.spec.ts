import { ComponentType } from 'discord-api-types/v10';
import { renderNotice } from './discord-player-channel';

describe('the satisfaction survey on Discord', () => {
  it('renders scores 1 to 5 as one row of buttons naming the survey and the score', () => {
    const content = renderNotice({ text: 'How did we do?', survey: { id: 'c0ffee00-0000-4000-8000-000000000001', scale: 5 } });
    expect(content.content).toBe('How did we do?');
    expect(content.components).toHaveLength(1);
    const [row] = content.components!;
    expect(row.type).toBe(ComponentType.ActionRow);
    expect(row.components.map((b) => ('custom_id' in b ? b.custom_id : null))).toEqual([1, 2, 3, 4, 5].map((n) => `csat/c0ffee00-0000-4000-8000-000000000001/${n}`));
    expect(row.components.map((b) => ('label' in b ? b.label : null))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('keeps the agent button beside the survey when a notice has both', () => {
    const content = renderNotice({ text: 'x', agentButtonLabel: 'Talk to a live agent', survey: { id: 's', scale: 5 } });
    expect(content.components).toHaveLength(2);
  });
});
