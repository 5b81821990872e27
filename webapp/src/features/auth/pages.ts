// Route components, imported only through React.lazy so each lands in its own chunk.
export { LoginPage } from './components/login-page';
export { SignupPage } from './components/signup-page';
