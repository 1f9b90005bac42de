// #13 point 6: a review copy is read-only where it matters, refused here in the
// services and not only hidden in the window. A reviewer's copy takes their
// comments and replies (and comment marks in the text, whose words the save
// checks itself); every other change to the copy is refused with a sentence
// that says what only the author can change. Whatever a reviewer could change
// here would be silently left out of the comments file they return.
//
// The guard wraps every writing method (method-access.ts) by name, so a new
// writing method is refused on a review copy until it is listed below as one
// a reviewer may make; the unit test checks every writing method's input names
// a plan (or is listed here), so none slips past.
import type { MethodName } from '../../../shared/contract';
import type { Handlers } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import { parseContent, type SerializedNode } from '../../../shared/lexical-json';
import { METHOD_ACCESS } from '../method-access';
import type { Store } from '../store';

/** Writes a reviewer makes on their copy: their comments and replies; removing the copy itself. */
export const REVIEWER_WRITES: ReadonlySet<MethodName> = new Set<MethodName>(['createThread', 'replyToThread', 'deletePlan']);

/** Writes that check a review copy themselves (the words of a save; an import's target plan, known only from the import). */
export const CHECKED_BY_HANDLER: ReadonlySet<MethodName> = new Set<MethodName>(['saveSectionContent', 'confirmCommitmentImport']);

/** Writes that change no existing plan (a new plan, the profile, a whole-database restore). */
export const NO_PLAN_WRITES: ReadonlySet<MethodName> = new Set<MethodName>([
  'createPlan',
  'createSamplePlan',
  'saveProfile',
  'openReviewPack',
  'importWordPlan',
  'restoreBackup',
  'recoverDatabase',
]);

/** What only the author can change, by method, for the refusal's sentence. */
const WHAT: Partial<Record<MethodName, string>> = {
  updatePlan: 'the plan’s title and details',
  signOffPlan: 'the plan’s sign-off',
  addSection: 'the outline',
  addTemplateSection: 'the outline',
  renameSection: 'the outline',
  moveSection: 'the outline',
  deleteSection: 'the outline',
  restoreSection: 'the outline',
  updateSectionMeta: 'section statuses and owners',
  setSectionPriority: 'which priorities a section delivers',
  setThreadStatus: 'whether a comment is resolved',
  respondToThread: 'the plan’s responses to comments (“You said, we did”)',
  placeThread: 'where a comment is placed',
  addStakeholder: 'the register of reviewers',
  updateStakeholder: 'the register of reviewers',
  removeStakeholder: 'the register of reviewers',
  importComments: 'which comments are imported; your own comments are the ones returned',
  saveExportSettings: 'the plan’s export settings',
  saveVersion: 'the plan’s versions',
  restoreVersion: 'the plan’s versions',
  startNextYearPlan: 'the plan’s next year',
};

export function reviewCopyRefusal(method: MethodName): string {
  const what = WHAT[method] ?? 'the plan';
  return `This is a review copy: only the plan’s author can change ${what}. Add a comment instead, then use “Return comments”.`;
}

/** The input fields that name a plan, directly or through one of its rows, in the order they are tried. */
export const PLAN_KEYS = ['planId', 'sectionId', 'threadId', 'stakeholderId', 'commitmentId', 'actualId', 'priorityId', 'boardId', 'activityId'] as const;

/** The plans a write names, through every id it carries (a missing row is left for the handler to refuse). */
function plansOfInput(store: Store, input: Record<string, unknown>): string[] {
  const lookups: Record<(typeof PLAN_KEYS)[number], (id: string) => string> = {
    planId: (id) => id,
    sectionId: (id) => store.sections.planOf(id),
    threadId: (id) => store.review.thread(id).planId,
    stakeholderId: (id) => store.review.planOfStakeholder(id),
    commitmentId: (id) => store.commitments.planOf(id),
    actualId: (id) => store.commitments.planOf(store.commitments.commitmentOfActual(id)),
    priorityId: (id) => store.priorities.planOf(id),
    boardId: (id) => store.opinions.planOf(id),
    activityId: (id) => store.engagement.planOf(id),
  };
  const plans: string[] = [];
  for (const key of PLAN_KEYS) {
    const id = input[key];
    if (typeof id !== 'string') continue;
    try {
      plans.push(lookups[key](id));
    } catch (error) {
      // A row that does not exist is the handler's to refuse, in its own words.
      if (!(error instanceof JfpError && error.code === 'not_found')) throw error;
    }
  }
  return plans;
}

/** Whether the writing method `method` must be checked against review copies. */
export function guardedMethod(method: MethodName): boolean {
  return METHOD_ACCESS[method] !== 'read' && !REVIEWER_WRITES.has(method) && !CHECKED_BY_HANDLER.has(method) && !NO_PLAN_WRITES.has(method);
}

/**
 * The handlers, with every writing method that names a review copy refused before it runs.
 * Placed inside inWriteTransactions, so for a 'write' method the check and the change are one transaction.
 */
export function refuseReviewCopyWrites(store: Store, handlers: Handlers): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const method of Object.keys(METHOD_ACCESS) as MethodName[]) {
    if (!guardedMethod(method)) continue;
    const handler = handlers[method] as (input: unknown) => unknown;
    wrapped[method] = (input: unknown) => {
      // Any id naming a review copy refuses the call: a write may not reach into a copy through another plan's row.
      const named = input && typeof input === 'object' ? plansOfInput(store, input as Record<string, unknown>) : [];
      if (named.some((planId) => store.plans.isReviewCopy(planId))) throw new JfpError('invalid_input', reviewCopyRefusal(method));
      return handler(input);
    };
  }
  return wrapped as Handlers;
}

// #13: a review copy's section content is the author's: a reviewer's save may
// add or remove comment marks and nothing else. Not only the words are
// compared: bold, a heading level, a list or a link changed on the same words
// is refused too. Marks split text nodes, so the content is compared with the
// marks taken out and the text nodes they split joined again.

/** Set by the editor as it lays out a block, whoever saves: not the author's formatting. */
const DERIVED_KEYS = new Set(['direction', 'textFormat', 'textStyle', 'version']);

/** Content with comment marks unwrapped and neighbouring text of identical formatting joined, as a string to compare. */
export function contentWithoutMarks(content: string): string {
  const parsed = parseContent(content);
  if (!parsed.ok) return content;
  const strip = (node: SerializedNode): SerializedNode => {
    if (!node.children) return node;
    const children: SerializedNode[] = [];
    const unwrapped = node.children.flatMap((child) => (child.type === 'mark' ? (child.children ?? []) : [child])).map(strip);
    for (const child of unwrapped) {
      const last = children[children.length - 1];
      if (last && last.type === 'text' && child.type === 'text' && sameFormatting(last, child)) {
        children[children.length - 1] = { ...last, text: `${String(last.text ?? '')}${String(child.text ?? '')}` };
      } else children.push(child);
    }
    return { ...node, children };
  };
  // Key order does not matter to the content, so keys are sorted before comparing; what the editor
  // derives as it lays out a block (text direction, the format new typing would take) is left out.
  return JSON.stringify(strip(parsed.state.root), (key, value: unknown) => {
    if (DERIVED_KEYS.has(key)) return undefined;
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value;
  });
}

function sameFormatting(a: SerializedNode, b: SerializedNode): boolean {
  const rest = (node: SerializedNode) =>
    JSON.stringify(
      Object.entries(node)
        .filter(([key]) => key !== 'text' && !DERIVED_KEYS.has(key))
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return rest(a) === rest(b);
}

export const REVIEW_COPY_CONTENT_REFUSAL =
  'This is a review copy: only the plan’s author can change its text or formatting. Select the words and add a comment instead, then use “Return comments”.';

/** Refuses a save to a review copy that changes anything but comment marks (words, formatting, structure). */
export function assertOnlyMarksChanged(savedContent: string, newContent: string): void {
  if (contentWithoutMarks(savedContent) !== contentWithoutMarks(newContent)) throw new JfpError('invalid_input', REVIEW_COPY_CONTENT_REFUSAL);
}
