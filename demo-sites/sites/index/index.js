import { setupLocale } from '/common/site.js';

setupLocale();
