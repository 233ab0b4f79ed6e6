import { mount } from 'svelte';
import App from './App.svelte';
import '@/components/base.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = `${browser.i18n.getMessage('appTitle')} — ${browser.i18n.getMessage('extName')}`;
mount(App, { target: document.getElementById('app')! });
