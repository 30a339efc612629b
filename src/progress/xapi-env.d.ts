/**
 * The build-time settings of "Send to my instructor" (src/progress/xapi-launch.ts). Astro hands `PUBLIC_` variables
 * to the pages as they were when the site was built, so they are public: every visitor can read them.
 */
interface ImportMetaEnv {
  /** The xAPI endpoint of the instructor's LRS, e.g. `https://lrs.example.edu/xapi/`; unset, nothing is sent. */
  readonly PUBLIC_XAPI_ENDPOINT?: string;
  /**
   * The Authorization header for that LRS, e.g. `Basic a2V5OnNlY3JldA==`: only a write-only key made for this course,
   * since everyone who opens the site can read it. Unset when the LRS takes statements without credentials.
   */
  readonly PUBLIC_XAPI_AUTH?: string;
  /**
   * The LRS origins a launch link may name, separated by commas, e.g. `https://lms.example.edu`; unset, any https
   * address (or http on this machine) is taken, and the course shows where it sends.
   */
  readonly PUBLIC_XAPI_LAUNCH_ORIGINS?: string;
}
