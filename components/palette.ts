/**
 * The extension pages' colours, one set per theme. components/base.css defines exactly these as
 * CSS custom properties (`[data-theme='light']` / `[data-theme='dark']`); components use only the
 * properties, never a colour of their own. tests/unit/components/palette.test.ts checks that
 * base.css mirrors this file and that every text pair below meets WCAG AA.
 *
 * Names say the role, not the hue:
 *   bg            the page                         bg-alt       the sidebar, key caps
 *   surface       menus, inputs, toolbar buttons   hover        a row or item under the pointer
 *   selection     the current folder, selected rows
 *   text          body text                        text-muted   dates, previews, hints
 *   border        separators                       border-strong control outlines
 *   accent        links, primary buttons           accent-text  text ON an accent background
 *   unread-accent what marks unread mail           focus        the focus ring
 *   danger        errors, destructive actions      danger-text  text ON a danger background
 *   danger-soft   background of an invalid item    warning      warning text
 *   warning-soft  background of a notice (autoreply on, images blocked)
 *   warning-border its outline                     flag         the flag star
 *   inverse-*     the toast: the opposite theme's bg, text and accent
 *   shadow        menus' drop shadow
 *
 * Not themed: the frame that shows a message's HTML stays light in both themes (mail is designed
 * for a white page), and account and tag colours are the user's.
 */

export type ThemeName = 'light' | 'dark';

export const COLOUR_NAMES = [
  'bg',
  'bg-alt',
  'surface',
  'hover',
  'selection',
  'text',
  'text-muted',
  'border',
  'border-strong',
  'accent',
  'accent-text',
  'unread-accent',
  'focus',
  'danger',
  'danger-text',
  'danger-soft',
  'warning',
  'warning-soft',
  'warning-border',
  'flag',
  'inverse-bg',
  'inverse-text',
  'inverse-accent',
  'shadow',
] as const;

export type ColourName = (typeof COLOUR_NAMES)[number];

export const PALETTE: Readonly<Record<ThemeName, Readonly<Record<ColourName, string>>>> = {
  light: {
    bg: '#ffffff',
    'bg-alt': '#f8f9fb',
    surface: '#ffffff',
    hover: '#eef2f9',
    selection: '#e3ecfb',
    text: '#202124',
    'text-muted': '#5f6368',
    border: '#e4e6eb',
    'border-strong': '#c7cad1',
    accent: '#1967d2',
    'accent-text': '#ffffff',
    'unread-accent': '#1967d2',
    focus: '#1967d2',
    danger: '#c5221f',
    'danger-text': '#ffffff',
    'danger-soft': '#fce8e6',
    warning: '#b06000',
    'warning-soft': '#fef7e0',
    'warning-border': '#f9e3a1',
    flag: '#f2a600',
    'inverse-bg': '#323232',
    'inverse-text': '#ffffff',
    'inverse-accent': '#8ab4f8',
    shadow: 'rgb(0 0 0 / 18%)',
  },
  dark: {
    bg: '#202124',
    'bg-alt': '#292a2d',
    surface: '#303134',
    hover: '#3a3b3f',
    selection: '#2f3a4d',
    text: '#e8eaed',
    'text-muted': '#a8adb3',
    border: '#3c4043',
    'border-strong': '#5f6368',
    accent: '#8ab4f8',
    'accent-text': '#202124',
    'unread-accent': '#8ab4f8',
    focus: '#8ab4f8',
    danger: '#f28b82',
    'danger-text': '#202124',
    'danger-soft': '#3c2220',
    warning: '#fdd663',
    'warning-soft': '#3a3220',
    'warning-border': '#5c4a1a',
    flag: '#fdd663',
    'inverse-bg': '#e8eaed',
    'inverse-text': '#202124',
    'inverse-accent': '#174ea6',
    shadow: 'rgb(0 0 0 / 50%)',
  },
};

/**
 * The foreground/background pairs the pages actually draw text with: each must reach 4.5:1
 * (WCAG AA for body text) in both themes.
 */
export const TEXT_PAIRS: ReadonlyArray<readonly [foreground: ColourName, background: ColourName]> = [
  ...(['bg', 'bg-alt', 'surface', 'hover', 'selection', 'warning-soft'] as const).map((bg) => ['text', bg] as const),
  ...(['bg', 'bg-alt', 'surface', 'hover', 'selection'] as const).map((bg) => ['text-muted', bg] as const),
  ...(['bg', 'bg-alt', 'surface', 'hover', 'selection'] as const).map((bg) => ['accent', bg] as const),
  ['unread-accent', 'bg'],
  ['unread-accent', 'bg-alt'],
  ['unread-accent', 'selection'],
  ['accent-text', 'accent'],
  ['danger', 'bg'],
  ['danger', 'surface'],
  ['danger', 'hover'],
  ['danger', 'danger-soft'],
  ['danger-text', 'danger'],
  ['warning', 'bg'],
  ['inverse-text', 'inverse-bg'],
  ['inverse-accent', 'inverse-bg'],
];

/** Non-text pairs that must reach 3:1 (WCAG 1.4.11): the focus ring where it is drawn. */
export const UI_PAIRS: ReadonlyArray<readonly [foreground: ColourName, background: ColourName]> = [
  ['focus', 'bg'],
  ['focus', 'bg-alt'],
  ['focus', 'surface'],
  ['focus', 'selection'],
];
