package com.analyticsstudio.ingest;

import com.analyticsstudio.common.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.NotOLE2FileException;
import org.apache.poi.poifs.filesystem.OfficeXmlFileException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Reads one sheet of a legacy XLS (BIFF8) workbook with POI's HSSF event layer: records are pulled
 * one at a time from a {@link RecordFactoryInputStream} (the record stream that {@code
 * HSSFEventFactory} pushes to listeners) and passed through a {@link FormatTrackingHSSFListener},
 * which tracks number formats so that date cells are recognised. Pulling instead of pushing fits
 * {@link RowSource#next()} without a thread; the workbook is never built in memory.
 *
 * <p>Sheet choice, header detection and cell rules as for XLSX (see {@link SheetRowSource}).
 */
final class XlsRowSource extends SheetRowSource {

  private final POIFSFileSystem fs;
  private final CountingInputStream bytes;
  private final RecordFactoryInputStream records;
  private final FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(r -> {});
  private final long fileSize;
  private final long streamSize;
  private SSTRecord sst;
  private boolean date1904;
  private int depth; // BOF/EOF nesting inside the chosen sheet
  private boolean endOfSheet;
  private Record pushedBack;
  private int pendingStringRow = -1;
  private int pendingStringCol = -1;

  XlsRowSource(Path file, SourceOptions opts) throws IOException {
    this.fileSize = Files.size(file);
    POIFSFileSystem f;
    try {
      f = new POIFSFileSystem(file.toFile(), true);
    } catch (NotOLE2FileException | OfficeXmlFileException e) {
      throw IngestErrors.notSpreadsheet("This file is not an Excel .xls workbook.");
    } catch (RuntimeException e) {
      throw IngestErrors.unparsable("The .xls workbook could not be read: " + e.getMessage(), 0);
    }
    this.fs = f;
    try {
      DirectoryNode root = fs.getRoot();
      String entry =
          root.hasEntry("Workbook") ? "Workbook" : root.hasEntry("WORKBOOK") ? "WORKBOOK" : null;
      if (entry == null) {
        if (root.hasEntry("Book")) {
          throw IngestErrors.notSpreadsheet(
              "This is an Excel 5/95 workbook, which is too old to read; "
                  + "save it as .xlsx and upload it again.");
        }
        if (root.hasEntry("EncryptedPackage")) {
          throw new ApiException(
              422,
              "encrypted_file",
              "This workbook is password-protected; remove the password and upload it again.");
        }
        throw IngestErrors.notSpreadsheet("This Office document is not an Excel workbook.");
      }
      InputStream in = fs.createDocumentInputStream(entry);
      this.streamSize = Math.max(1, ((DocumentEntry) root.getEntry(entry)).getSize());
      this.bytes = new CountingInputStream(in);
      this.records = new RecordFactoryInputStream(bytes, false);
      String sheetName = seekSheet(opts);
      init(opts, sheetName);
    } catch (ApiException e) {
      fs.close();
      throw e;
    } catch (EncryptedDocumentException e) {
      fs.close();
      throw new ApiException(
          422,
          "encrypted_file",
          "This workbook is password-protected; remove the password and upload it again.");
    } catch (IOException | RuntimeException e) {
      fs.close();
      throw IngestErrors.unparsable("The .xls workbook could not be read: " + e.getMessage(), 0);
    }
  }

  /** Reads the workbook globals and skips to the BOF of the chosen sheet; returns its name. */
  private String seekSheet(SourceOptions opts) {
    List<BoundSheetRecord> sheets = new ArrayList<>();
    Record r;
    // globals substream
    boolean globalsDone = false;
    while (!globalsDone && (r = records.nextRecord()) != null) {
      formats.processRecord(r);
      if (r instanceof BoundSheetRecord) {
        sheets.add((BoundSheetRecord) r);
      } else if (r instanceof SSTRecord) {
        sst = (SSTRecord) r;
      } else if (r instanceof DateWindow1904Record) {
        date1904 = ((DateWindow1904Record) r).getWindowing() == 1;
      } else if (r instanceof EOFRecord) {
        globalsDone = true;
      }
    }
    BoundSheetRecord[] ordered = BoundSheetRecord.orderByBofPosition(sheets);
    List<String> names = new ArrayList<>();
    int target = -1;
    for (int i = 0; i < ordered.length; i++) {
      names.add(ordered[i].getSheetname());
      if (target < 0
          && (opts.sheet() == null
              || ordered[i].getSheetname().equalsIgnoreCase(opts.sheet().strip()))) {
        target = i;
      }
    }
    if (target < 0) {
      if (names.isEmpty()) {
        throw new ApiException(422, "empty_file", "The workbook has no sheets.");
      }
      throw XlsxRowSource.unknownSheet(opts.sheet(), names);
    }
    int index = -1;
    int nesting = 0;
    while ((r = records.nextRecord()) != null) {
      formats.processRecord(r);
      if (r instanceof BOFRecord) {
        if (nesting == 0) {
          index++;
          if (index == target) {
            depth = 1;
            return names.get(target);
          }
        }
        nesting++;
      } else if (r instanceof EOFRecord) {
        nesting--;
      }
    }
    throw new ApiException(422, "empty_file", "The sheet \"" + names.get(target) + "\" is empty.");
  }

  @Override
  protected boolean readRow(SheetRow row) throws IOException {
    if (endOfSheet) {
      return false;
    }
    boolean started = false;
    Record r;
    while ((r = nextRecord()) != null) {
      if (r instanceof BOFRecord) {
        depth++;
        continue;
      }
      if (r instanceof EOFRecord) {
        depth--;
        if (depth == 0) {
          endOfSheet = true;
          return started;
        }
        continue;
      }
      if (depth != 1) {
        continue;
      }
      if (r instanceof StringRecord) {
        // the cached text result of the formula cell just before it
        if (started && pendingStringRow == row.number - 1) {
          row.set(pendingStringCol, ((StringRecord) r).getString());
        }
        pendingStringRow = -1;
        continue;
      }
      if (r instanceof MulRKRecord) {
        MulRKRecord m = (MulRKRecord) r;
        if (started && m.getRow() + 1 != row.number) {
          pushedBack = r;
          return true;
        }
        if (!started) {
          row.reset(m.getRow() + 1L);
          started = true;
        }
        for (int k = 0; k < m.getNumColumns(); k++) {
          row.set(m.getFirstColumn() + k, SheetRowSource.numberText(m.getRKNumberAt(k)));
        }
        continue;
      }
      if (!(r instanceof CellValueRecordInterface)) {
        continue;
      }
      CellValueRecordInterface cell = (CellValueRecordInterface) r;
      if (started && cell.getRow() + 1 != row.number) {
        pushedBack = r;
        return true;
      }
      if (!started) {
        row.reset(cell.getRow() + 1L);
        started = true;
      }
      row.set(cell.getColumn(), text(cell, row));
    }
    endOfSheet = true;
    return started;
  }

  private Record nextRecord() {
    if (pushedBack != null) {
      Record r = pushedBack;
      pushedBack = null;
      return r;
    }
    Record r = records.nextRecord();
    if (r != null) {
      formats.processRecord(r);
    }
    return r;
  }

  private String text(CellValueRecordInterface cell, SheetRow row) {
    if (cell instanceof NumberRecord) {
      return number(((NumberRecord) cell).getValue(), cell);
    }
    if (cell instanceof RKRecord) {
      return number(((RKRecord) cell).getRKNumber(), cell);
    }
    if (cell instanceof LabelSSTRecord) {
      if (sst == null) {
        return null;
      }
      return sst.getString(((LabelSSTRecord) cell).getSSTIndex()).getString();
    }
    if (cell instanceof LabelRecord) {
      return ((LabelRecord) cell).getValue();
    }
    if (cell instanceof BoolErrRecord) {
      BoolErrRecord b = (BoolErrRecord) cell;
      return b.isBoolean() ? Boolean.toString(b.getBooleanValue()) : null;
    }
    if (cell instanceof FormulaRecord) {
      FormulaRecord f = (FormulaRecord) cell;
      CellType type = f.getCachedResultTypeEnum();
      switch (type) {
        case NUMERIC:
          return number(f.getValue(), cell);
        case BOOLEAN:
          return Boolean.toString(f.getCachedBooleanValue());
        case STRING:
          pendingStringRow = f.getRow();
          pendingStringCol = f.getColumn();
          return null;
        default:
          return null;
      }
    }
    return null;
  }

  private String number(double d, CellValueRecordInterface cell) {
    int idx = formats.getFormatIndex(cell);
    String fmt = formats.getFormatString(cell);
    if (fmt != null && DateUtil.isADateFormat(idx, fmt)) {
      return dateText(d, date1904);
    }
    return numberText(d);
  }

  @Override
  public long bytesRead() {
    return Math.min(fileSize, (long) ((double) bytes.count() / streamSize * fileSize));
  }

  @Override
  public SourceFormat format() {
    return SourceFormat.XLS;
  }

  @Override
  public void close() throws IOException {
    fs.close();
  }
}
