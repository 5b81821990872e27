/**
 * The ingest library: turns an uploaded CSV/TSV/XLSX/XLS file into a typed PostgreSQL table. Pure
 * Java (no Vert.x, no HTTP); every call blocks, so run it on a worker thread.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link com.analyticsstudio.ingest.IngestPipeline}: {@code createAndLoad}/{@code appendTo}
 *       load a file in a single pass, inferring every column's type over the whole file while it is
 *       COPYed (provisional types from the first rows; a later widening is followed with {@code
 *       ALTER TABLE} when it keeps every loaded value, otherwise the file is reloaded once with the
 *       final types; see {@link com.analyticsstudio.ingest.OnePassLoader}); columns with {@link
 *       com.analyticsstudio.ingest.FixedTypes} (overrides, an append's table) are only converted.
 *       The two-pass form remains for previews and as the reference the single pass is tested
 *       against: {@code infer} (pass 1: parse the whole file, infer column types, count rows,
 *       collect warnings) and {@code load}/{@code append} (pass 2: parse again, convert, COPY). The
 *       caller owns the JDBC transaction.
 *   <li>{@link com.analyticsstudio.ingest.RowSources#open}: a streaming {@link
 *       com.analyticsstudio.ingest.RowSource} for any supported file, for previews.
 *   <li>{@link com.analyticsstudio.ingest.PgCopyLoader}: CREATE TABLE + COPY from any RowSource.
 *   <li>Building blocks: {@link com.analyticsstudio.ingest.EncodingDetector}, {@link
 *       com.analyticsstudio.ingest.ColumnNames}, {@link com.analyticsstudio.ingest.TypeInferrer},
 *       {@link com.analyticsstudio.ingest.ValueConverter}.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * Every refusal is a {@link com.analyticsstudio.common.ApiException} with a stable code; when a
 * line or row is known it is in {@code details.line}:
 *
 * <table>
 *   <caption>Refusals</caption>
 *   <tr><th>status</th><th>code</th><th>when</th></tr>
 *   <tr><td>415</td><td>not_a_text_file</td><td>PNG/PDF/GIF/JPEG/ZIP/gzip or NUL bytes in a file read as text</td></tr>
 *   <tr><td>415</td><td>not_a_spreadsheet</td><td>named .xlsx/.xls but not a workbook; a ZIP that is not a workbook; XLS 5/95</td></tr>
 *   <tr><td>415</td><td>unsupported_file_type</td><td>any other extension</td></tr>
 *   <tr><td>422</td><td>empty_file</td><td>0 bytes, only blank lines, an empty sheet</td></tr>
 *   <tr><td>422</td><td>undecidable_encoding</td><td>not UTF-8/UTF-16 with BOM/Windows-1252 text</td></tr>
 *   <tr><td>422</td><td>invalid_encoding</td><td>bytes invalid in an encoding given by the caller</td></tr>
 *   <tr><td>422</td><td>unparsable_file</td><td>an unclosed quote, a broken workbook</td></tr>
 *   <tr><td>422</td><td>too_many_columns</td><td>more than 1600 columns</td></tr>
 *   <tr><td>422</td><td>unknown_sheet</td><td>{@code SourceOptions.sheet} not found ({@code details.sheets} lists them)</td></tr>
 *   <tr><td>422</td><td>encrypted_file</td><td>a password-protected XLS</td></tr>
 *   <tr><td>422</td><td>values_do_not_convert</td><td>values not of an (overridden) column type ({@code details.failures})</td></tr>
 *   <tr><td>413</td><td>file_too_large</td><td>zip bombs and archives beyond the uncompressed caps</td></tr>
 *   <tr><td>409</td><td>columns_mismatch</td><td>append into a table with other columns</td></tr>
 * </table>
 */
package com.analyticsstudio.ingest;
