import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The widget's title, for the message. */
  title: string;
  children: ReactNode;
  /** Drawing again after this changes (new data) gives the widget another chance. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** One widget that fails to draw shows its own message; the rest of the dashboard stays. */
export class WidgetBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey)
      ? null
      : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Widget “${this.props.title}” failed to draw`, error, info.componentStack);
  }

  override render() {
    if (this.state.error)
      return (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          “{this.props.title}” could not be drawn: {this.state.error.message}
        </p>
      );
    return this.props.children;
  }
}
