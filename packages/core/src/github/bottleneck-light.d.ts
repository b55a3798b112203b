// bottleneck/light.js is the build octokit's throttling plugin loads (no Redis clustering); it
// has the main entry's API, whose types are the only ones the package ships.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
