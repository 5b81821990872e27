// Public surface of the ask feature. Pages are loaded lazily through ./pages.
export { askKeys, useThreads } from './hooks/use-ask';
export { AskPanel, type AskPanelProps } from './components/ask-panel';
