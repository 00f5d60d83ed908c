package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.execution.datasources.DataSourceStrategy$;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import org.apache.spark.sql.execution.datasources.v2.FileScanBuilder;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Takes what Spark pushes down, on top of Spark's own split of filters ({@link FileScanBuilder}): partition filters
 * prune directories in Spark's file index before any file is opened; of the data filters, those on frames become
 * seeks, stops and skips ({@link FrameBounds}) and those on files prune files at planning ({@link FileFilter}); both
 * are applied exactly, so Spark does not evaluate them again. Also the columns the query needs (they decide how deep
 * each file is read) and a limit.
 */
final class VideoScanBuilder extends FileScanBuilder implements SupportsPushDownLimit {
  private final SparkSession spark;
  private final PartitioningAwareFileIndex fileIndex;
  private final CaseInsensitiveStringMap options;
  private final VideoReadOptions.Mode mode;
  private FrameBounds bounds = FrameBounds.ALL;
  private final List<FileFilter> fileFilters = new ArrayList<>();
  private Integer limit;

  VideoScanBuilder(SparkSession spark, PartitioningAwareFileIndex fileIndex, StructType sourceSchema,
      CaseInsensitiveStringMap options) {
    super(spark, fileIndex, sourceSchema);
    this.spark = spark;
    this.fileIndex = fileIndex;
    this.options = options;
    this.mode = VideoReadOptions.parse(options, spark.sessionState().conf().filesMaxPartitionBytes()).mode();
  }

  @Override
  public Seq<Expression> pushFilters(Seq<Expression> filters) {
    Seq<Expression> postScan = super.pushFilters(filters);
    List<Expression> remaining = new ArrayList<>();
    for (Expression e : CollectionConverters.asJava(postScan)) {
      scala.Option<Filter> translated = DataSourceStrategy$.MODULE$.translateFilter(e, true);
      if (translated.isEmpty() || !handledExactly(translated.get())) {
        remaining.add(e);
      }
    }
    return CollectionConverters.asScala(remaining).toList();
  }

  @Override
  public Filter[] pushDataFilters(Filter[] dataFilters) {
    List<Filter> pushed = new ArrayList<>();
    for (Filter f : dataFilters) {
      if (push(f.toV2())) {
        pushed.add(f);
      }
    }
    return pushed.toArray(new Filter[0]);
  }

  private boolean push(Predicate p) {
    Comparison c = Comparison.of(p);
    if (c == null) {
      return false;
    }
    FileFilter fileFilter = FileFilter.of(c);
    if (fileFilter != null) {
      fileFilters.add(fileFilter);
      return true;
    }
    if (mode == VideoReadOptions.Mode.FRAMES) {
      FrameBounds narrowed = bounds.with(c);
      if (narrowed != null) {
        bounds = narrowed;
        return true;
      }
    }
    return false;
  }

  /** Whether a data filter was taken by {@link #pushDataFilters} (its effect is exact). */
  private boolean handledExactly(Filter f) {
    for (Filter pushed : pushedDataFilters()) {
      if (pushed.equals(f)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean pushLimit(int n) {
    if (mode != VideoReadOptions.Mode.FRAMES) {
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public Scan build() {
    StructType metadata = null;
    for (StructField f : requiredSchema().fields()) {
      if (f.name().equals(VideoSchema.FILE_METADATA_COLUMN)) {
        metadata = (StructType) f.dataType();
      }
    }
    VideoReadOptions parsed = VideoReadOptions.parse(options, spark.sessionState().conf().filesMaxPartitionBytes());
    return new VideoScan(spark, fileIndex, options, parsed, readDataSchema(), readPartitionSchema(), metadata,
        new ScanFilters(partitionFilters(), dataFilters(), bounds, List.copyOf(fileFilters), List.of(pushedFilters())),
        limit);
  }
}
