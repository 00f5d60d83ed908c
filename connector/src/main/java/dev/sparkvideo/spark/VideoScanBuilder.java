package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;

/**
 * Takes what Spark pushes down: the columns the query needs (they decide how deep each file is read), filters on
 * frames and files, and a limit.
 */
final class VideoScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownV2Filters,
    SupportsPushDownLimit {
  private final VideoReadOptions options;
  private final List<String> paths;
  private StructType requiredSchema;
  private FrameBounds bounds = FrameBounds.ALL;
  private final List<FileFilter> fileFilters = new ArrayList<>();
  private final List<Predicate> pushed = new ArrayList<>();
  private Integer limit;

  VideoScanBuilder(VideoReadOptions options, List<String> paths) {
    this.options = options;
    this.paths = paths;
    this.requiredSchema = VideoSchema.of(options.mode());
  }

  @Override
  public void pruneColumns(StructType required) {
    this.requiredSchema = required;
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    List<Predicate> rest = new ArrayList<>();
    for (Predicate p : predicates) {
      if (!push(p)) {
        rest.add(p);
      }
    }
    return rest.toArray(new Predicate[0]);
  }

  private boolean push(Predicate p) {
    Comparison c = Comparison.of(p);
    if (c == null) {
      return false;
    }
    FileFilter fileFilter = FileFilter.of(c);
    if (fileFilter != null) {
      fileFilters.add(fileFilter);
      pushed.add(p);
      return true;
    }
    if (options.mode() == VideoReadOptions.Mode.FRAMES) {
      FrameBounds narrowed = bounds.with(c);
      if (narrowed != null) {
        bounds = narrowed;
        pushed.add(p);
        return true;
      }
    }
    return false;
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(new Predicate[0]);
  }

  @Override
  public boolean pushLimit(int n) {
    if (options.mode() != VideoReadOptions.Mode.FRAMES) {
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public Scan build() {
    return new VideoScan(options, paths, requiredSchema, bounds, List.copyOf(fileFilters), List.copyOf(pushed),
        limit);
  }
}
