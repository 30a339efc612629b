import type { ITheme } from '@xterm/xterm';

/**
 * The terminal's colours in the site's two themes: the page's own text and background, and ANSI colours that keep
 * at least 4.5:1 contrast on that background (axe checks every page).
 */
export const terminalThemes: Record<'light' | 'dark', ITheme> = {
  light: {
    background: '#f4f6f8',
    foreground: '#1b1f24',
    cursor: '#0a58ca',
    cursorAccent: '#ffffff',
    selectionBackground: '#b6d3ff',
    selectionForeground: '#1b1f24',
    black: '#1b1f24',
    red: '#b3261e',
    green: '#116329',
    yellow: '#7a4a00',
    blue: '#0a58ca',
    magenta: '#8a2a9b',
    cyan: '#0b6375',
    white: '#4d5560',
    brightBlack: '#4d5560',
    brightRed: '#9c1d16',
    brightGreen: '#0d5321',
    brightYellow: '#6b4000',
    brightBlue: '#084bb0',
    brightMagenta: '#76238a',
    brightCyan: '#09535f',
    brightWhite: '#1b1f24',
  },
  dark: {
    background: '#1a2129',
    foreground: '#e6edf3',
    cursor: '#6cb6ff',
    cursorAccent: '#0f1419',
    selectionBackground: '#2f4a6b',
    selectionForeground: '#e6edf3',
    black: '#a8b3bf',
    red: '#ff7b72',
    green: '#56d364',
    yellow: '#e3b341',
    blue: '#6cb6ff',
    magenta: '#e2a0ff',
    cyan: '#56d4dd',
    white: '#e6edf3',
    brightBlack: '#a8b3bf',
    brightRed: '#ffa198',
    brightGreen: '#7ee787',
    brightYellow: '#f2cc60',
    brightBlue: '#91cbff',
    brightMagenta: '#edc2ff',
    brightCyan: '#87e4ea',
    brightWhite: '#ffffff',
  },
};

/** The site's theme now: the `data-theme` the theme toggle sets on `<html>`. */
export function pageTheme(): 'light' | 'dark' {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
