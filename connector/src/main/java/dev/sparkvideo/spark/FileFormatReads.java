package dev.sparkvideo.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import scala.collection.AbstractIterator;
import scala.collection.immutable.Map;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The rows of one planned file for Spark's file-format path (SQL on files, {@code readStream}): the same readers as
 * the DataSource V2 scan, with the filters Spark hands a file format taken as frame bounds. Spark's file scan does the
 * rest there: listing, pruning, splitting, {@code ignoreCorruptFiles}/{@code ignoreMissingFiles}, {@code _metadata},
 * partition values.
 */
final class FileFormatReads {
  private FileFormatReads() {}

  /** The mode the options ask for (options are fully checked when the reader is built). */
  static VideoReadOptions.Mode mode(Map<String, String> options) {
    return VideoReadOptions.parse(CollectionConverters.asJava(options), Long.MAX_VALUE).mode();
  }

  static AbstractFunction1<PartitionedFile, scala.collection.Iterator<InternalRow>> reader(SparkSession spark,
      StructType required, Seq<Filter> filters, Map<String, String> rawOptions, Configuration hadoopConf) {
    VideoReadOptions options = VideoReadOptions.parse(CollectionConverters.asJava(rawOptions),
        spark.sessionState().conf().filesMaxPartitionBytes());
    FrameBounds bounds = FrameBounds.ALL;
    for (Filter f : CollectionConverters.asJava(filters)) {
      Comparison c = Comparison.of(f.toV2());
      FrameBounds narrowed = c == null ? null : bounds.with(c);
      if (narrowed != null) {
        bounds = narrowed;
      }
    }
    Broadcast<ShippedConfiguration> conf = ShippedConfiguration.broadcast(spark.sparkContext(), hadoopConf);
    return new FileReader(conf, options, required, bounds, ReadDepth.of(required, options, bounds));
  }

  /** Makes the rows of one file on an executor; the file's readers close when the rows end or the task does. */
  private static final class FileReader extends AbstractFunction1<PartitionedFile, scala.collection.Iterator<InternalRow>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ShippedConfiguration> conf;
    private final VideoReadOptions options;
    private final StructType required;
    private final FrameBounds bounds;
    private final ReadDepth depth;

    FileReader(Broadcast<ShippedConfiguration> conf, VideoReadOptions options, StructType required,
        FrameBounds bounds, ReadDepth depth) {
      this.conf = conf;
      this.options = options;
      this.required = required;
      this.bounds = bounds;
      this.depth = depth;
    }

    @Override
    public scala.collection.Iterator<InternalRow> apply(PartitionedFile file) {
      OpenedVideo.Opener opener = new OpenedVideo.Opener(conf.value().value(), options,
          options.ioBufferSize(FileSlice.whole(file) && depth == ReadDepth.PIXELS));
      PartitionReader<InternalRow> reader = options.mode() == VideoReadOptions.Mode.METADATA
          ? new MetadataPartitionReader(file, opener, required)
          : new FramePartitionReader(file, opener, options, required, bounds, null, depth);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> close(reader));
      }
      return new Rows(reader);
    }
  }

  /** A partition reader as a Scala iterator. */
  private static final class Rows extends AbstractIterator<InternalRow> {
    private final PartitionReader<InternalRow> reader;
    private Boolean ready;

    Rows(PartitionReader<InternalRow> reader) {
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      if (ready == null) {
        try {
          ready = reader.next();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (!ready) {
          close(reader);
        }
      }
      return ready;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = null;
      return reader.get();
    }
  }

  private static void close(PartitionReader<InternalRow> reader) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
