/**
 * Message CSS, read by the browser's own CSS parser (CSSOM) so that what is checked is exactly
 * what would apply: style attributes and <style> sheets keep only declarations whose URLs the
 * resource policy allows. Needs a DOM (an extension page), never the service worker.
 *
 * Dropped always: custom properties and values the parser keeps unparsed (var(), attr(), env(),
 * where a URL could hide), @import (a constructed sheet ignores it), @font-face (fonts never load),
 * and every at-rule not listed in KEPT_GROUP_RULES.
 */
import { isOpaqueCssValue, rewriteCssUrls } from './css-values';

type Resolve = (url: string) => string | null;

/** Rewrites a declaration block in place (an element's style or a rule's). */
export function cleanDeclarations(style: CSSStyleDeclaration, resolve: Resolve): void {
  const kept: string[] = [];
  for (let i = 0; i < style.length; i++) {
    const name = style[i];
    const value = style.getPropertyValue(name);
    // An empty longhand is one set by a shorthand holding var(): that shorthand is dropped too.
    if (name.startsWith('--') || !value || isOpaqueCssValue(value)) continue;
    const important = style.getPropertyPriority(name) ? ' !important' : '';
    kept.push(`${name}: ${rewriteCssUrls(value, resolve)}${important};`);
  }
  style.cssText = kept.join(' ');
}

const KEPT_GROUP_RULES = ['CSSMediaRule', 'CSSSupportsRule', 'CSSContainerRule', 'CSSLayerBlockRule', 'CSSScopeRule'];

interface RuleList {
  readonly cssRules: CSSRuleList;
  deleteRule(index: number): void;
}

function is(rule: CSSRule, type: string): boolean {
  const constructor = (globalThis as unknown as Record<string, unknown>)[type];
  return typeof constructor === 'function' && rule instanceof constructor;
}

/** A style sheet's text with every load the policy refuses removed; `<` escaped for <style>. */
export function cleanStyleSheet(text: string, resolve: Resolve, onBlockedAtRule: (url: string) => void): string {
  for (const match of text.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]*)/gi)) onBlockedAtRule(match[1]);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  cleanRules(sheet, resolve, onBlockedAtRule);
  return Array.from(sheet.cssRules, (rule) => rule.cssText)
    .join('\n')
    .replace(/</g, '\\3c ');
}

function cleanRules(list: RuleList, resolve: Resolve, onBlockedAtRule: (url: string) => void): void {
  for (let i = list.cssRules.length - 1; i >= 0; i--) {
    const rule = list.cssRules[i];
    if (is(rule, 'CSSStyleRule') || is(rule, 'CSSNestedDeclarations')) {
      cleanDeclarations((rule as CSSStyleRule).style, resolve);
      if ('cssRules' in rule) cleanRules(rule as unknown as RuleList, resolve, onBlockedAtRule);
    } else if (KEPT_GROUP_RULES.some((type) => is(rule, type))) {
      cleanRules(rule as CSSGroupingRule, resolve, onBlockedAtRule);
    } else if (is(rule, 'CSSKeyframesRule')) {
      for (const frame of Array.from((rule as CSSKeyframesRule).cssRules)) cleanDeclarations((frame as CSSKeyframeRule).style, resolve);
    } else {
      if (is(rule, 'CSSFontFaceRule')) rewriteCssUrls((rule as CSSFontFaceRule).style.getPropertyValue('src'), (url) => (onBlockedAtRule(url), null));
      list.deleteRule(i);
    }
  }
}
