/** The document event that types text at the lab terminal's prompt: `detail` is the text. */
export const typeInTerminalEvent = 'lab-terminal:type';
