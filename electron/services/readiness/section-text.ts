// #15 What counts as a section's "real text": what is left once the template's
// guidance and expected-content prompts are taken out (someone who pasted the
// guidance into the page has not written the section). At least REAL_TEXT_WORDS
// words must remain.
export const REAL_TEXT_WORDS = 10;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

export function realWordCount(plainText: string, guidance: string, expectedContent: readonly string[]): number {
  let text = normalise(plainText);
  const prompts = [guidance, ...expectedContent]
    .flatMap((prompt) => [prompt, ...prompt.split(/(?<=[.!?:])\s+/)])
    .map(normalise)
    .filter((prompt) => prompt.length > 3)
    .sort((a, b) => b.length - a.length);
  for (const prompt of prompts) text = text.split(prompt).join(' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export const hasRealText = (plainText: string, guidance: string, expectedContent: readonly string[]) =>
  realWordCount(plainText, guidance, expectedContent) >= REAL_TEXT_WORDS;
