/**
 * The one width of the form's text boxes and selects, so that they end on one right edge; a
 * picker's refresh button and "create" link sit after that edge.
 */
export const CONTROL_WIDTH = 420;
