package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.StreamMetadata;
import dev.sparkvideo.ffmpeg.VideoException;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.ffmpeg.VideoFrame;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code mode=frames}: the frames of one planned file or time slice ({@link FileSlice}), as rows of the pruned schema,
 * read no deeper than the query needs ({@link ReadDepth}) and only over the range its options and pushed filters
 * allow.
 */
final class FramePartitionReader extends FileRowReader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FramePartitionReader.class);

  private final StructType schema;
  private final FrameBounds bounds;
  private final long rowLimit;
  private ReadDepth depth;

  private VideoFile video;
  private WantedFrames frames;
  private int stream;
  private InternalRow metadataRow;
  private InternalRow fileMetadataRow;
  private long headerRowsLeft = -1;
  private InternalRow headerRow;
  private InternalRow row;
  private long rows;
  private long decodeNanos;

  FramePartitionReader(PartitionedFile file, OpenedVideo.Opener opener, VideoReadOptions options,
      StructType schema, FrameBounds bounds, Integer limit, ReadDepth depth) {
    super(file, opener);
    this.schema = schema;
    this.bounds = bounds;
    long perFile = options.maxFramesPerFile() == null ? Long.MAX_VALUE : options.maxFramesPerFile();
    this.rowLimit = Math.min(perFile, limit == null ? Long.MAX_VALUE : limit);
    this.depth = depth;
  }

  @Override
  protected void start(OpenedVideo opened) {
    video = opened.video();
    VideoReadOptions options = options();
    Integer chosen = options.streamIndex() != null
        ? options.streamIndex() : video.metadata().container().bestVideoStreamIndex();
    if (chosen == null) {
      throw new VideoException(path, "the file has no video stream");
    }
    stream = chosen;
    StreamMetadata metadata = video.metadata().stream(stream);
    if (!metadata.isVideo()) {
      throw new VideoException(path, "stream " + stream + " is " + metadata.mediaType() + ", not video");
    }
    for (StructField f : schema.fields()) {
      if (f.name().equals(VideoSchema.METADATA)) {
        metadataRow = Rows.struct((StructType) f.dataType(),
            field -> Rows.stream(metadata, video.metadata().container(), field));
      } else if (f.name().equals(VideoSchema.FILE_METADATA_COLUMN)) {
        fileMetadataRow = Rows.fileMetadata((StructType) f.dataType(), file);
      }
    }

    if (FileSlice.first(file)) {
      // At most one INFO line per file: the first slice speaks for the others.
      LOG.info("Reading {}: stream {} {} {}x{}, {} s, {}, depth {}", path, stream, metadata.codec(),
          metadata.width(), metadata.height(), metadata.durationSeconds(),
          FileSlice.whole(file) ? "whole" : "in slices", depth.name().toLowerCase(java.util.Locale.ROOT));
    }
    double begin = metadata.beginStreamSeconds() == null ? 0 : metadata.beginStreamSeconds();
    double[] slice = FileSlice.timeRange(file, begin, metadata.durationSeconds(), !video.isSequentialOnly(stream));
    double low = max(slice[0], options.startSeconds(), bounds.ptsLow());
    double high = min(slice[1], options.endSeconds(), bounds.ptsHigh());
    if (!(low < high) || rowLimit == 0) {
      headerRowsLeft = 0;
      return;
    }
    if (depth == ReadDepth.HEADER) {
      Long count = video.indexedFrameCount(stream);
      if (count != null) {
        headerRowsLeft = Math.min(count, rowLimit);
        headerRow = frameRow(null);
        return;
      }
      depth = ReadDepth.PACKETS;
    }
    boolean keyframesOnly = options.keyframesOnly() || bounds.keyframesOnly();
    frames = new WantedFrames(video, stream, low, high, bounds, options.frameStep(), keyframesOnly,
        depth == ReadDepth.PIXELS,
        (from, to, first, end, step, pictures) -> request(from, to, first, end, step, pictures, keyframesOnly));
  }

  private FrameRequest request(double low, double high, long first, long end, long step, boolean pictures,
      boolean keyframesOnly) {
    VideoReadOptions options = options();
    return FrameRequest.builder()
        .streamIndex(stream)
        .startSeconds(Double.isFinite(low) ? low : null)
        .endSeconds(Double.isFinite(high) ? high : null)
        .format(options.frameFormat())
        .width(options.width())
        .height(options.height())
        .autorotate(options.autorotate())
        .deinterlace(options.deinterlace())
        .threads(options.threads())
        .conversionThread(options.conversionThread())
        .decodePixels(pictures && depth == ReadDepth.PIXELS)
        .keyframesOnly(keyframesOnly)
        .frameStep(step)
        .maxFramePixels(options.maxFramePixels())
        .maxFrameBytes(options.maxFrameBytes())
        .frameIndexRange(first, end)
        // Spark turns each row into an UnsafeRow (copying the pixels) before asking for the next one.
        .reuseData(true)
        .build();
  }

  @Override
  protected boolean advance() {
    if (rows >= rowLimit) {
      return false;
    }
    if (headerRowsLeft >= 0) {
      if (headerRowsLeft == 0) {
        return false;
      }
      headerRowsLeft--;
      row = headerRow;
      rows++;
      return true;
    }
    while (timedNext()) {
      VideoFrame f = frames.get();
      // Index ranges, steps and time ranges are applied by the core; index sets and keyframe exclusion here.
      if (!bounds.wants(f.frameIndex()) || bounds.nonKeyframesOnly() && f.keyFrame()) {
        continue;
      }
      row = frameRow(f);
      rows++;
      return true;
    }
    return false;
  }

  private boolean timedNext() {
    long t0 = System.nanoTime();
    try {
      return frames.next();
    } finally {
      decodeNanos += System.nanoTime() - t0;
    }
  }

  /** A row of the pruned schema; {@code f} is {@code null} for rows made from the header alone. */
  private InternalRow frameRow(VideoFrame f) {
    return Rows.struct(schema, field -> {
      switch (field.name()) {
        case VideoSchema.PATH:
          return path;
        case VideoSchema.STREAM_INDEX:
          return stream;
        case VideoSchema.FRAME_INDEX:
          return f.frameIndex();
        case VideoSchema.PTS:
          return f.pts();
        case VideoSchema.PTS_SECONDS:
          return f.ptsSeconds();
        case VideoSchema.DURATION_SECONDS:
          return f.durationSeconds();
        case VideoSchema.IS_KEY_FRAME:
          return f.keyFrame();
        case VideoSchema.WIDTH:
          return f.width();
        case VideoSchema.HEIGHT:
          return f.height();
        case VideoSchema.DATA:
          return f.data();
        case VideoSchema.METADATA:
          return metadataRow;
        case VideoSchema.FILE_METADATA_COLUMN:
          return fileMetadataRow;
        default:
          throw new IllegalArgumentException("Unknown column " + field.name());
      }
    });
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  protected void release() {
    if (frames != null) {
      frames.close();
    }
  }

  @Override
  protected CustomTaskMetric[] rowMetrics() {
    return new CustomTaskMetric[] {
        VideoMetrics.task(VideoMetrics.FRAMES_RETURNED, rows),
        VideoMetrics.task(VideoMetrics.FRAMES_DECODED, frames == null ? 0 : frames.framesDecoded()),
        VideoMetrics.task(VideoMetrics.DECODE_TIME, decodeNanos / 1_000_000),
        VideoMetrics.task(VideoMetrics.CORRUPT_PACKETS, frames == null ? 0 : frames.corruptPackets())};
  }

  private static double max(double a, Double b, double c) {
    return Math.max(Math.max(a, b == null ? Double.NEGATIVE_INFINITY : b), c);
  }

  private static double min(double a, Double b, double c) {
    return Math.min(Math.min(a, b == null ? Double.POSITIVE_INFINITY : b), c);
  }
}
