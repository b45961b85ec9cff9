// Eleventy adapter for what a build renders once and shows on many pages: a post's summary
// (layouts/partials/post-summary.njk) in every listing that lists the post (the home pages, its
// month's, its tags', its authors', its outlet's and its sources' pages: 83,928 summaries on
// 8,816 pages of the bench's 10,000-post site, about eight a post). `postSummary(post)` renders
// it the first time a build asks for it and gives the same HTML after. The memo is emptied as
// each build starts: the dev server edits posts in place between builds.

/** The slice of Eleventy's config API this adapter uses. */
export interface FragmentsConfigApi {
  addNunjucksGlobal(name: string, value: unknown): void;
  on(event: "eleventy.before", handler: () => unknown): void;
}

/** What a Nunjucks global is called on (its context), as much as this adapter reads of it. */
interface NunjucksContext {
  env: { getTemplate(name: string, eagerCompile: boolean): { render(context: object): string } };
}

/** A post's summary, as listings show it. */
const SUMMARY_TEMPLATE = "partials/post-summary.njk";

export function fragmentsPlugin(eleventyConfig: FragmentsConfigApi): void {
  let summaries = new WeakMap<object, string>();
  eleventyConfig.on("eleventy.before", () => {
    summaries = new WeakMap();
  });
  eleventyConfig.addNunjucksGlobal("postSummary", function (this: NunjucksContext, post: object): string {
    let html = summaries.get(post);
    if (html === undefined) {
      // Nunjucks keeps the compiled template (its loader caches by name); rendered with the post
      // alone, the summary cannot depend on the page it is shown on.
      html = this.env.getTemplate(SUMMARY_TEMPLATE, true).render({ post });
      // Nunjucks joins its output piece by piece: V8 keeps such a string as a tree of its pieces
      // until it is read by index, and each page that shows it would walk the tree again to
      // write itself out. Read once here, it is one string from now on.
      html.charCodeAt(0);
      summaries.set(post, html);
    }
    return html;
  });
}
