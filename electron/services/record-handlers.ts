// #15 part 2: the methods of the plan's records that sit beside its text: the
// Health and Wellbeing Boards and their opinions, engagement activities, the
// integrated care strategy's priorities and what delivers them, and the
// publication record. The writing ones run in one transaction each.
import type { MethodInput } from '../../shared/contract';
import type { Handlers } from '../../shared/dispatch';
import type { HwbBoard } from '../../shared/domain';
import { formatLongDate } from './export/house-style';
import { JfpError } from '../../shared/errors';
import type { Store } from './store';

type RecordMethods =
  | 'clearHwbOpinion'
  | 'saveHwbBoard'
  | 'deleteHwbBoard'
  | 'listEngagement'
  | 'saveEngagementActivity'
  | 'deleteEngagementActivity'
  | 'listStrategy'
  | 'saveStrategyPriority'
  | 'setSectionPriority'
  | 'getPublication'
  | 'savePublication';

/** Records a board's opinion, found by the board's name; an empty opinion is refused (the repository says why). */
export function saveHwbOpinion(store: Store, { planId, board: name, ...fields }: MethodInput<'saveHwbOpinion'>): HwbBoard {
  store.plans.assertEditable(planId);
  const board = store.opinions.findByName(planId, name);
  if (!board) throw new JfpError('invalid_input', `"${name}" is not one of this plan's Health and Wellbeing Boards. Add the board on the HWB tab first.`);
  const saved = store.opinions.saveOpinion(board.id, { ...fields, opinionOn: fields.opinionOn ?? 'draft' });
  store.events.record(
    planId,
    'hwb_opinion_recorded',
    `The opinion of ${saved.board} on the ${saved.opinionOn === 'final' ? 'final' : 'draft'} plan was recorded${saved.receivedOn ? ` (received ${formatLongDate(saved.receivedOn)})` : ''}.`,
    { boardId: saved.id },
  );
  store.plans.touch(planId);
  return saved;
}

export function createRecordHandlers(store: Store): Pick<Handlers, RecordMethods> {
  const { plans, opinions, engagement, strategy, publication } = store;

  /** The board's places must be places of the plan (a place added to the plan first). */
  const checkPlaces = (planId: string, places: readonly string[]) => {
    const known = new Set(plans.get(planId).places.map((p) => p.toLowerCase()));
    const unknown = places.filter((p) => !known.has(p.toLowerCase()));
    if (unknown.length) throw new JfpError('invalid_input', `"${unknown[0]}" is not one of this plan's places. Add it in the plan's details first.`);
  };

  return {
    clearHwbOpinion: ({ boardId }) => {
      const planId = opinions.planOf(boardId);
      plans.assertEditable(planId);
      const cleared = opinions.clearOpinion(boardId);
      store.events.record(planId, 'hwb_opinion_recorded', `The opinion recorded for ${cleared.board} was removed.`, { boardId });
      plans.touch(planId);
      return cleared;
    },
    saveHwbBoard: ({ planId, boardId, ...fields }) => {
      plans.assertEditable(planId);
      checkPlaces(planId, fields.places);
      let saved;
      if (boardId) {
        if (opinions.planOf(boardId) !== planId) throw new JfpError('invalid_input', 'That board belongs to another plan.');
        saved = opinions.update(boardId, fields);
      } else {
        saved = opinions.add(planId, fields);
      }
      plans.touch(planId);
      return saved;
    },
    deleteHwbBoard: ({ boardId }) => {
      const planId = opinions.planOf(boardId);
      plans.assertEditable(planId);
      opinions.delete(boardId);
      plans.touch(planId);
      return { deleted: true } as const;
    },

    listEngagement: ({ planId }) => {
      plans.assertExists(planId);
      return engagement.list(planId);
    },
    saveEngagementActivity: ({ planId, activityId, ...fields }) => {
      plans.assertEditable(planId);
      let saved;
      if (activityId) {
        if (engagement.planOf(activityId) !== planId) throw new JfpError('invalid_input', 'That activity belongs to another plan.');
        saved = engagement.update(activityId, fields);
      } else {
        saved = engagement.add(planId, fields);
      }
      plans.touch(planId);
      return saved;
    },
    deleteEngagementActivity: ({ activityId }) => {
      const planId = engagement.planOf(activityId);
      plans.assertEditable(planId);
      engagement.delete(activityId);
      plans.touch(planId);
      return { deleted: true } as const;
    },

    listStrategy: ({ planId }) => {
      plans.assertExists(planId);
      return strategy.list(planId, store.priorities.list(planId));
    },
    saveStrategyPriority: ({ planId, priorityId, revision, sourceDate, fromStrategy, ...fields }) => {
      plans.assertEditable(planId);
      let priority;
      if (priorityId) {
        if (store.priorities.planOf(priorityId) !== planId) throw new JfpError('invalid_input', 'That priority belongs to another plan.');
        priority = store.priorities.update(priorityId, revision ?? store.priorities.get(priorityId).revision, fields);
      } else {
        // A strategy priority may share its title with one of the plan's own
        // priorities (a chapter from the template): that priority is adopted as
        // the strategy's. Two strategy priorities with one title are refused.
        const same = store.priorities.findByTitle(planId, fields.title);
        if (same && fromStrategy && !strategy.list(planId, [same])[0]!.fromStrategy) {
          priority = store.priorities.update(same.id, same.revision, fields);
        } else if (same && fromStrategy) {
          throw new JfpError('invalid_input', `The strategy already has a priority called "${same.title}".`);
        } else {
          priority = store.priorities.add(planId, fields);
        }
      }
      strategy.setDetails(priority.id, fromStrategy, sourceDate);
      plans.touch(planId);
      return strategy.list(planId, [priority])[0]!;
    },
    setSectionPriority: ({ sectionId, priorityId, delivers }) => {
      const planId = store.sections.planOf(sectionId);
      plans.assertEditable(planId);
      strategy.setSectionLink(sectionId, priorityId, delivers);
      plans.touch(planId);
      return { priorityIds: strategy.prioritiesOfSection(sectionId) };
    },

    getPublication: ({ planId }) => {
      plans.assertExists(planId);
      return publication.get(planId);
    },
    savePublication: ({ planId, ...fields }) => {
      plans.assertEditable(planId);
      if (fields.webAddress && !fields.publishedOn) throw new JfpError('invalid_input', 'Enter the date the plan was published as well as its web address.');
      const saved = publication.save(planId, fields);
      store.events.record(
        planId,
        'publication_recorded',
        saved.publishedOn ? `The plan's publication on ${formatLongDate(saved.publishedOn)} was recorded.` : 'The plan’s publication record was updated.',
        { webAddress: saved.webAddress },
      );
      plans.touch(planId);
      return saved;
    },
  };
}
