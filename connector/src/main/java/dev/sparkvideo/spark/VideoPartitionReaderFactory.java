package dev.sparkvideo.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.FileSourceOptions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Sent to executors with the scan's settings; reads a {@link FilePartition} (a slice of a large file, or small files
 * packed together) through Spark's file partition reader, one reader per file, with the partition values after each
 * row, and closes everything when the task ends.
 */
final class VideoPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ShippedConfiguration> configuration;
  private final FileSourceOptions fileOptions;
  private final VideoReadOptions options;
  private final RowLayout layout;
  private final FrameBounds bounds;
  private final Integer limit;
  private final ReadDepth depth;

  VideoPartitionReaderFactory(Broadcast<ShippedConfiguration> configuration, FileSourceOptions fileOptions,
      VideoReadOptions options, RowLayout layout, FrameBounds bounds, Integer limit, ReadDepth depth) {
    this.configuration = configuration;
    this.fileOptions = fileOptions;
    this.options = options;
    this.layout = layout;
    this.bounds = bounds;
    this.limit = limit;
    this.depth = depth;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    java.util.List<PartitionedFile> files = java.util.Arrays.asList(((FilePartition) partition).files());
    org.apache.hadoop.conf.Configuration conf = configuration.value().value();
    int ioBufferSize = options.ioBufferSize(readsWholeFiles());
    OpenAhead ahead = files.size() > 1 && options.openAhead() > 0
        ? new OpenAhead(files, conf, ioBufferSize, options.openAhead()) : null;
    OpenedVideo.Opener opener = new OpenedVideo.Opener(conf, options, ioBufferSize, ahead);
    PartitionReader<InternalRow> reader = new VideoFilePartitionReader(files, file -> open(file, opener),
        fileOptions);
    TaskContext task = TaskContext.get();
    if (task != null) {
      // Spark closes readers too; closing is idempotent, and this also covers cancelled and failed tasks. Spark's
      // file partition reader calls its own close() after each file, so the files opened ahead close here.
      task.addTaskCompletionListener((TaskCompletionListener) context -> {
        try {
          close(reader);
        } finally {
          if (ahead != null) {
            ahead.close();
          }
        }
      });
    }
    return reader;
  }

  /** Whether every byte of each file (or slice) is read: frames decoded or demuxed with no range, limit or cap. */
  private boolean readsWholeFiles() {
    return options.mode() == VideoReadOptions.Mode.FRAMES && depth != ReadDepth.HEADER && !bounds.rangeBounded()
        && options.startSeconds() == null && options.endSeconds() == null && limit == null
        && options.maxFramesPerFile() == null;
  }

  private PartitionReader<InternalRow> open(PartitionedFile file, OpenedVideo.Opener opener) {
    FileRowReader reader = options.mode() == VideoReadOptions.Mode.METADATA
        ? new MetadataPartitionReader(file, opener, layout.fileColumns())
        : new FramePartitionReader(file, opener, options, layout.fileColumns(), bounds, limit, depth);
    try {
      reader.open();
    } catch (java.io.IOException e) {
      // As it is: Spark's file partition reader skips a FileNotFoundException under ignoreMissingFiles.
      throw SparkErrors.thrown(e);
    }
    if (layout.partitions().isEmpty()) {
      return reader;
    }
    return new PartitionValuesReader(reader, file.partitionValues());
  }

  private static void close(PartitionReader<InternalRow> reader) {
    try {
      reader.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
