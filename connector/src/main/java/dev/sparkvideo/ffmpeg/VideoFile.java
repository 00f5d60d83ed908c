package dev.sparkvideo.ffmpeg;

import dev.sparkvideo.io.ReadStatistics;
import dev.sparkvideo.io.SeekableInput;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An open video: its metadata, and readers of its frames. The entry point of the decoding core.
 *
 * <pre>{@code
 * try (SeekableInput input = HadoopSeekableInput.open(path, conf);
 *      VideoFile video = VideoFile.open(input);
 *      FrameReader frames = video.frames(FrameRequest.builder().startSeconds(30.0).build())) {
 *   VideoMetadata metadata = video.metadata();
 *   while (frames.next()) {
 *     VideoFrame frame = frames.get();
 *   }
 * }
 * }</pre>
 *
 * <p>FFmpeg reads only through {@code input}, and only the bytes it needs: the container header at open (in
 * {@link SeekMode#APPROXIMATE}), then the packets of the frames requested. The caller keeps ownership of the input
 * and closes it after this file. One {@link FrameReader} may be open at a time. Not thread-safe; different files can
 * be used on different threads at once.
 */
public final class VideoFile implements AutoCloseable {
  /** The default size of FFmpeg's I/O buffer, and so of each read from storage: 64 KiB. */
  public static final int DEFAULT_IO_BUFFER_SIZE = 64 * 1024;

  private final Demuxer demuxer;
  private final VideoMetadata metadata;
  private final ContentIndex content;
  private final ContainerIndex containerIndexes = new ContainerIndex();
  private final Map<Integer, CountedKeyframes> counted = new HashMap<>();
  private boolean freshStart;
  private FrameReader reader;
  private boolean closed;

  private VideoFile(Demuxer demuxer, VideoMetadata metadata, ContentIndex content, boolean freshStart) {
    this.demuxer = demuxer;
    this.metadata = metadata;
    this.content = content;
    this.freshStart = freshStart;
  }

  /** Opens {@code input} in {@link SeekMode#APPROXIMATE} with the default I/O buffer. */
  public static VideoFile open(SeekableInput input) {
    return open(input, SeekMode.APPROXIMATE, DEFAULT_IO_BUFFER_SIZE);
  }

  /** Opens {@code input} in the given mode with the default I/O buffer. */
  public static VideoFile open(SeekableInput input, SeekMode mode) {
    return open(input, mode, DEFAULT_IO_BUFFER_SIZE);
  }

  /**
   * Opens a video: probes the container (only allowed demuxers, see the docs), reads its header and stream
   * information, and in {@link SeekMode#EXACT} scans every packet. Where the container's codec configuration says
   * what FFmpeg's probe otherwise learns by decoding the first frames (H.264 in MP4/MOV: pixel format, sample aspect
   * ratio, colour description, size), no frame is decoded to open the file.
   *
   * @param ioBufferSize bytes per read from {@code input}, at least 4096
   * @throws VideoException naming the file and FFmpeg's reason when it is not a readable video (empty, not a known
   *     container, truncated, damaged header, a playlist or reference to other files, storage failure)
   * @throws IllegalArgumentException when {@code ioBufferSize} is too small
   * @throws IllegalStateException when FFmpeg's native libraries cannot be loaded
   */
  public static VideoFile open(SeekableInput input, SeekMode mode, int ioBufferSize) {
    return open(input, mode, ioBufferSize, false);
  }

  /**
   * As {@link #open(SeekableInput, SeekMode, int)}, or with {@code referenceProbe} through FFmpeg's own stream probe,
   * which decodes the first frames of each video stream as ffprobe does: the reference for tests.
   */
  static VideoFile open(SeekableInput input, SeekMode mode, int ioBufferSize, boolean referenceProbe) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(mode, "mode");
    if (ioBufferSize < 4096) {
      throw new IllegalArgumentException("ioBufferSize must be at least 4096 bytes, got " + ioBufferSize);
    }
    FFmpegRuntime.ensureLoaded();
    Demuxer demuxer = Demuxer.open(input, ioBufferSize, referenceProbe);
    try {
      ContentIndex content = mode == SeekMode.EXACT ? ContentIndex.scan(demuxer.context(), demuxer) : null;
      VideoMetadata metadata = MetadataReader.read(demuxer.context(), content, mode);
      return new VideoFile(demuxer, metadata, content, content == null);
    } catch (RuntimeException | Error e) {
      demuxer.close();
      throw e;
    }
  }

  /**
   * How many videos are open in this JVM right now (each holds an FFmpeg I/O context until closed): for leak checks
   * and monitoring. Returns to 0 once every {@code VideoFile} is closed.
   */
  public static int openCount() {
    return AvioBridge.openChannels();
  }

  /** The container's and every stream's metadata. */
  public VideoMetadata metadata() {
    return metadata;
  }

  /** The input's name (the file's URI). */
  public String path() {
    return demuxer.path();
  }

  /** What has been read from storage so far. */
  public ReadStatistics readStatistics() {
    return demuxer.input().statistics();
  }

  /**
   * The exact number of frames of a stream known without reading any packet, or {@code null}: in exact mode from the
   * scan; in approximate mode from a container index that lists every sample (MP4/MOV, AVI), not counting samples an
   * edit list discards. Unlike {@code num_frames_from_header}, this is what a full decode returns. A file cut short
   * has no such count: its index lists frames it does not hold.
   *
   * @throws IllegalArgumentException when the stream does not exist
   * @throws IllegalStateException when closed
   */
  public Long indexedFrameCount(int streamIndex) {
    ensureOpen();
    metadata.stream(streamIndex);
    if (demuxer.truncated()) {
      return null;
    }
    if (content != null) {
      return content.frameCount(streamIndex);
    }
    if (demuxer.probeSawNoVideoPacket(streamIndex)) {
      return null; // the index may list frames the file does not hold (media in another file): count by reading
    }
    DecodeOrderIndex index = containerIndex(streamIndex);
    return index == null ? null : index.frameCount();
  }

  /** The container's per-frame index of a stream, built once for every reader of this file, or {@code null}. */
  DecodeOrderIndex containerIndex(int streamIndex) {
    return containerIndexes.of(demuxer.context().streams(streamIndex));
  }

  /**
   * The keyframes of a stream whose frames before them readers of this file have counted (no per-frame index): shared
   * with the other readers of the same file version in this JVM when the input names its version.
   */
  CountedKeyframes countedKeyframes(int streamIndex) {
    String version = demuxer.input().version();
    return counted.computeIfAbsent(streamIndex,
        s -> version == null ? new CountedKeyframes() : KeyframeCountCache.of(version, s));
  }

  /**
   * Whether a stream's frames are only known by decoding it from its first frame: its container gives no
   * presentation times (a raw elementary stream, or AVI with B-frames, whose packets carry decoding times only). Reads
   * of such a stream decode from the start even to find a time, and decode even when no pixels are asked for; a
   * reader that splits files into time slices reads such a file in one piece.
   *
   * @throws IllegalArgumentException when the stream does not exist
   * @throws IllegalStateException when closed
   */
  public boolean isSequentialOnly(int streamIndex) {
    ensureOpen();
    metadata.stream(streamIndex);
    return FrameNumbering.basisFor(demuxer.context(), demuxer.context().streams(streamIndex))
        == FrameNumbering.Basis.DECODER_OUTPUT;
  }

  /**
   * Checks that the file holds all the media its container's index describes.
   *
   * @throws VideoException naming the file and how much of it is missing when it was cut short
   * @throws IllegalStateException when closed
   */
  public void checkComplete() {
    ensureOpen();
    demuxer.checkComplete();
  }

  /** Reads every frame of the best video stream as RGB24. */
  public FrameReader frames() {
    return frames(FrameRequest.defaults());
  }

  /**
   * Starts reading frames.
   *
   * @throws VideoException when the file has no video stream, or no decoder for it
   * @throws IllegalArgumentException when the requested stream does not exist or is not a video stream
   * @throws IllegalStateException when closed, or when another reader of this file is still open
   */
  public FrameReader frames(FrameRequest request) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    if (reader != null) {
      throw new IllegalStateException("Another FrameReader of " + path() + " is still open; close it first");
    }
    Integer index = request.streamIndex() != null
        ? request.streamIndex() : metadata.container().bestVideoStreamIndex();
    if (index == null) {
      throw new VideoException(path(), "the file has no video stream");
    }
    StreamMetadata stream = metadata.stream(index);
    if (!stream.isVideo()) {
      throw new IllegalArgumentException("Stream " + index + " of " + path() + " is " + stream.mediaType()
          + ", not video");
    }
    reader = new FrameReader(this, demuxer, index, request, content, stream);
    return reader;
  }

  /** True once, if the demuxer has not moved since the header was read; then a reader can start without seeking. */
  boolean takeFreshStart() {
    boolean fresh = freshStart;
    freshStart = false;
    return fresh;
  }

  void readerClosed(FrameReader closedReader) {
    if (reader == closedReader) {
      reader = null;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("VideoFile is closed: " + path());
    }
  }

  /** Closes the open reader, if any, and frees the demuxer. Does not close the input. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (reader != null) {
        reader.close();
      }
    } finally {
      demuxer.close();
    }
  }
}
