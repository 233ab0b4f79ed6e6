import { mount } from 'svelte';
import App from './App.svelte';
import '@/components/base.css';
import { applyCachedAppearance } from '@/components/appearance';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = `${browser.i18n.getMessage('appTitle')} — ${browser.i18n.getMessage('extName')}`;
// The last known theme and density before the first frame; App follows the synced preferences.
applyCachedAppearance();
mount(App, { target: document.getElementById('app')! });
