// Eleventy warns on stderr ("[11ty] Benchmark 109ms 10% … feedContent") whenever one filter or
// shortcode takes more than 8 % of a build and 50 ms. On a loaded machine Gloss's own filters
// cross that line at random, and a blogger can do nothing about it; a build's stderr is for the
// author's problems. The hints stay available where Eleventy puts its other timings:
// `DEBUG=Eleventy:Benchmark npm run build`. (`--quiet` does not reach them: Eleventy creates
// the "Configuration" group of timings before it reads the option.)

/** The slice of Eleventy's config API this adapter uses. */
export interface TimingHintsConfigApi {
  benchmarkManager?: { get(group: string): { setIsVerbose(verbose: boolean): void } };
}

export function timingHintsPlugin(eleventyConfig: TimingHintsConfigApi): void {
  eleventyConfig.benchmarkManager?.get("Configuration").setIsVerbose(false);
}
