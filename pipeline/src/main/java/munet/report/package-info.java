/**
 * The {@code report} command's HTML page: what a store holds and how it grew, read without Spark
 * ({@link munet.report.SystemViews} over every committed version and the candidate history, and
 * {@link munet.report.Comparison} over {@code bench compare}'s Parquet), drawn as inline SVG
 * ({@link munet.report.XyChart}, {@link munet.report.BarChart}, {@link munet.report.ArchitectureGrid})
 * into one self-contained page ({@link munet.report.HtmlReport}): no script, no network.
 */
package munet.report;
