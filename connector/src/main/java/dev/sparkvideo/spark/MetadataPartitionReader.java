package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.StreamMetadata;
import dev.sparkvideo.ffmpeg.VideoMetadata;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.types.StructType;

/** {@code mode=metadata}: one row per stream of the file, from its header (and in exact mode, its packet scan). */
final class MetadataPartitionReader extends FileRowReader {
  private final StructType schema;
  private VideoMetadata metadata;
  private Iterator<StreamMetadata> streams;
  private InternalRow row;
  private long rows;

  MetadataPartitionReader(PartitionedFile file, OpenedVideo.Opener opener, StructType schema) {
    super(file, opener);
    this.schema = schema;
  }

  @Override
  protected void start(OpenedVideo video) {
    // A file cut short has a header that describes media it does not hold.
    video.video().checkComplete();
    metadata = video.video().metadata();
    streams = metadata.streams().iterator();
  }

  @Override
  protected boolean advance() {
    if (!streams.hasNext()) {
      return false;
    }
    StreamMetadata s = streams.next();
    row = Rows.struct(schema, field -> {
      switch (field.name()) {
        case VideoSchema.PATH:
          return path;
        case VideoSchema.FILE_METADATA_COLUMN:
          return Rows.fileMetadata((StructType) field.dataType(), file);
        default:
          return Rows.stream(s, metadata.container(), field);
      }
    });
    rows++;
    return true;
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  protected void release() {
    streams = null;
  }

  @Override
  protected CustomTaskMetric[] rowMetrics() {
    return new CustomTaskMetric[] {VideoMetrics.task(VideoMetrics.FRAMES_RETURNED, rows)};
  }
}
