package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.PriorityQueue;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the frames of one stream in display order, from {@link VideoFile#frames(FrameRequest)}.
 *
 * <p>Use it like a cursor: {@code while (reader.next()) use(reader.get());}. It does the least work the request
 * allows: with a start time it seeks to the keyframe before it through the container's index and decodes from
 * there; with an end time it stops at the first frame past it; without pixels it decodes nothing; for keyframes
 * only it decodes keyframe packets only.
 *
 * <p>Frame indices stay exact after a seek. In exact mode a frame's index is its pts rank in the scanned index. In
 * approximate mode it is the number of frames before the keyframe the read started from (0 from the start; after a
 * seek from the container's per-frame index, e.g. MP4's sample table, or, where the container has none, such as
 * Matroska or MPEG-TS, by counting the packets before it without decoding them), plus the packets after it with a
 * smaller pts. Counting packets rather than decoder output keeps indices right when the decoder cannot produce a
 * frame of a damaged file.
 *
 * <p>Not thread-safe. Frees every native resource on {@link #close()}, which is idempotent; closing the
 * {@link VideoFile} closes its reader too.
 */
public final class FrameReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);
  /** Packets held to put demuxed (decode-order) packets into display order when nothing is decoded. */
  private static final int REORDER_WINDOW = 32;
  private static final int MAX_SEEK_ATTEMPTS = 8;
  private static final int MAX_CONSECUTIVE_DECODE_ERRORS = 1000;

  /** How frame indices are known: by pts rank in exact mode's index, or by counting packets. */
  private enum IndexMode { RANK, BASE_PLUS_PACKETS }

  private final VideoFile file;
  private final Demuxer demuxer;
  private final String path;
  private final int streamIndex;
  private final Timestamps time;
  private final long streamStartTs;
  private final long startTs;
  private final long endTs;
  private final ContentIndex content;
  private ContainerIndex containerIndex;
  private boolean containerIndexRead;
  private final int[] packetOnlySize;
  private final boolean keyframesOnly;
  private final long frameStep;
  private final long firstFrameIndex;
  private final long endFrameIndex;
  private final long maxFramePixels;
  private final long maxFrameBytes;
  private final FrameFormat format;
  private final boolean reuseData;
  private byte[] lastData;

  private AVPacket packet;
  private AVFrame frame;
  private StreamDecoder decoder;
  private FrameConverter converter;
  private final PriorityQueue<PacketFrame> reorder = new PriorityQueue<>();
  private final PriorityQueue<Long> packetPtsSinceKeyframe = new PriorityQueue<>();

  private IndexMode indexMode = IndexMode.BASE_PLUS_PACKETS;
  private long base;
  private long passed;
  private boolean positioned;
  private boolean pendingPacket;
  private boolean pendingCandidate;
  private boolean demuxDone;
  private boolean finished;
  private boolean closed;

  private long candidatePts;
  private long candidateDuration;
  private boolean candidateKey;
  private VideoFrame current;

  private long streamPackets;
  private long framesDecoded;
  private long framesReturned;
  private long lastReturnedIndex = -1;
  private long corruptPackets;
  private int consecutiveErrors;

  FrameReader(VideoFile file, Demuxer demuxer, int streamIndex, FrameRequest request, ContentIndex content,
      StreamMetadata metadata) {
    this.file = file;
    this.demuxer = demuxer;
    this.path = demuxer.path();
    this.streamIndex = streamIndex;
    this.content = content;
    this.keyframesOnly = request.keyframesOnly();
    this.frameStep = request.frameStep();
    this.firstFrameIndex = request.firstFrameIndex();
    this.endFrameIndex = request.endFrameIndex();
    this.maxFramePixels = request.maxFramePixels();
    this.maxFrameBytes = request.maxFrameBytes();
    this.format = request.format();
    this.reuseData = request.reuseData();
    AVStream stream = demuxer.context().streams(streamIndex);
    this.time = new Timestamps(stream.time_base());
    this.streamStartTs = stream.start_time();
    this.startTs = request.startSeconds() == null ? Long.MIN_VALUE : time.ceilTs(request.startSeconds());
    this.endTs = request.endSeconds() == null ? Long.MAX_VALUE : time.ceilTs(request.endSeconds());
    int turn = Rotation.clockwiseQuarterTurns(metadata.rotation());
    int clockwise = request.autorotate() ? turn : 0;
    int w = metadata.width() == null ? 0 : metadata.width();
    int h = metadata.height() == null ? 0 : metadata.height();
    if (!request.autorotate() && turn % 180 != 0) {
      // Metadata sizes are upright; without rotation the frames keep the coded orientation.
      int t = w;
      w = h;
      h = t;
    }
    this.packetOnlySize = w > 0 && h > 0
        ? FrameConverter.outputSize(w, h, request.width(), request.height()) : new int[] {0, 0};
    checkPictureSize(w, h, "the stream declares");
    if (request.decodePixels()) {
      checkOutputSize(packetOnlySize[0], packetOnlySize[1]);
    }
    try {
      packet = av_packet_alloc();
      frame = av_frame_alloc();
      if (packet == null || packet.isNull() || frame == null || frame.isNull()) {
        throw AvErrors.failure(path, "av_packet_alloc", AvErrors.ENOMEM, null);
      }
      if (request.decodePixels()) {
        decoder = StreamDecoder.open(path, stream, request.threads(), request.maxFramePixels());
        converter = new FrameConverter(path, request.format(), request.width(), request.height(), clockwise);
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Moves to the next frame.
   *
   * @return false when there are no more frames in the requested range
   * @throws VideoException when the file cannot be read (storage failure, damaged container)
   * @throws IllegalStateException after {@link #close()}
   */
  public boolean next() {
    if (closed) {
      throw new IllegalStateException("FrameReader is closed: " + path);
    }
    current = null;
    if (finished) {
      return false;
    }
    if (lastReturnedIndex >= endFrameIndex - 1) {
      // Indices grow with every frame in display order: the last one wanted was returned, so stop without reading
      // or decoding the frames after it (a first-frame query then reads only what that frame needs).
      finished = true;
      return false;
    }
    if (!positioned) {
      position();
      positioned = true;
    }
    while (true) {
      if (pendingCandidate) {
        pendingCandidate = false;
      } else if (!nextCandidate()) {
        finished = true;
        return false;
      }
      long index = frameIndexOf(candidatePts);
      if (candidatePts < startTs) {
        continue;
      }
      if (candidatePts >= endTs || index >= endFrameIndex) {
        finished = true;
        return false;
      }
      if (index < firstFrameIndex || index % frameStep != 0) {
        continue;
      }
      current = build(index);
      framesReturned++;
      lastReturnedIndex = index;
      return true;
    }
  }

  /**
   * The frame {@link #next()} moved to.
   *
   * @throws IllegalStateException when {@link #next()} has not returned true
   */
  public VideoFrame get() {
    if (current == null) {
      throw new IllegalStateException("No current frame: call next() first and check that it returned true");
    }
    return current;
  }

  /** Frames the decoder has produced, including those decoded only to reach a later one. */
  public long framesDecoded() {
    return framesDecoded;
  }

  /** Frames returned by {@link #next()}. */
  public long framesReturned() {
    return framesReturned;
  }

  /** Packets the decoder rejected as damaged and skipped. */
  public long corruptPackets() {
    return corruptPackets;
  }

  // ---- positioning ----

  private void position() {
    boolean seek = startTs != Long.MIN_VALUE
        && startTs > (streamStartTs != Timestamps.NONE ? streamStartTs : 0);
    if (seek && seekTo(startTs)) {
      return;
    }
    resetPipeline();
    if (!file.takeFreshStart()) {
      rewind();
    }
    if (content != null) {
      indexMode = IndexMode.RANK;
    } else {
      // Count frames from their packets, not from the decoder's output: a frame the decoder cannot produce (damage,
      // or keyframes-only reads) does not shift the indices of the frames after it, and a read from the start gives
      // the same indices as a read from a seek.
      indexMode = IndexMode.BASE_PLUS_PACKETS;
      base = 0;
    }
  }

  /**
   * Seeks to the keyframe before {@code target} and checks that decoding from it reaches {@code target}; steps back
   * to an earlier keyframe when the first frame decoded is already past it (as with frames that reference the
   * previous group of pictures). Returns false when the caller must decode from the start instead.
   */
  private boolean seekTo(long target) {
    long seekTs = target;
    long previousKeyPos = Long.MIN_VALUE;
    for (int attempt = 0; attempt < MAX_SEEK_ATTEMPTS; attempt++) {
      resetPipeline();
      file.takeFreshStart();
      if (!demuxer.seekBackward(streamIndex, seekTs) || !readStreamPacket()) {
        return false;
      }
      pendingPacket = true;
      long keyPos = packet.pos();
      long keyTs = earliest(packet.pts(), packet.dts());
      if ((packet.flags() & AV_PKT_FLAG_KEY) == 0) {
        // Containers without an index seek to a byte position near the time, not to a keyframe: go earlier.
        if (keyTs == Timestamps.NONE || keyPos == previousKeyPos) {
          return false;
        }
        previousKeyPos = keyPos;
        seekTs = keyTs - 1;
        continue;
      }
      if (content != null) {
        indexMode = IndexMode.RANK;
      } else {
        Long before = framesBefore(keyPos, packet.dts());
        if (before == null) {
          return false;
        }
        base = before;
        indexMode = IndexMode.BASE_PLUS_PACKETS;
      }
      if (!nextCandidate()) {
        // Nothing decodable from here: the seek went past the frames wanted; decode from the start instead.
        return false;
      }
      boolean atFirstKeyframe = keyTs == Timestamps.NONE || keyTs <= streamStartTs || keyPos == previousKeyPos;
      if (candidatePts <= target || atFirstKeyframe) {
        pendingCandidate = true;
        return true;
      }
      previousKeyPos = keyPos;
      seekTs = keyTs - 1;
    }
    return false;
  }

  /**
   * How many frames precede the keyframe at {@code keyPos} in decode order, or {@code null} when it cannot be known.
   * Leaves the demuxer just after that keyframe's packet, which is pending in {@link #packet}.
   */
  private Long framesBefore(long keyPos, long keyDts) {
    if (!containerIndexRead) {
      containerIndex = ContainerIndex.of(demuxer.context().streams(streamIndex));
      containerIndexRead = true;
    }
    if (containerIndex != null) {
      long n = containerIndex.framesBefore(keyPos, keyDts);
      if (n >= 0) {
        return n;
      }
    }
    if (keyPos < 0) {
      return null;
    }
    // No per-frame index: count the packets before the keyframe, reading but not decoding them.
    resetPipeline();
    rewind();
    long count = 0;
    while (readStreamPacket()) {
      long pos = packet.pos();
      boolean discard = (packet.flags() & AV_PKT_FLAG_DISCARD) != 0;
      if (pos == keyPos) {
        pendingPacket = true;
        return count;
      }
      av_packet_unref(packet);
      if (pos < 0 || pos > keyPos) {
        return null;
      }
      if (!discard) {
        count++;
      }
    }
    return null;
  }

  private void rewind() {
    demuxer.reopen();
  }

  private void resetPipeline() {
    if (pendingPacket) {
      av_packet_unref(packet);
      pendingPacket = false;
    }
    pendingCandidate = false;
    demuxDone = false;
    reorder.clear();
    packetPtsSinceKeyframe.clear();
    passed = 0;
    if (decoder != null) {
      decoder.flush();
    }
  }

  private long frameIndexOf(long pts) {
    if (indexMode == IndexMode.RANK) {
      return content.rank(streamIndex, pts);
    }
    while (!packetPtsSinceKeyframe.isEmpty() && packetPtsSinceKeyframe.peek() < pts) {
      packetPtsSinceKeyframe.poll();
      passed++;
    }
    return base + passed;
  }

  // ---- demuxing and decoding ----

  /** Reads the next packet of this stream into {@link #packet}; the caller unrefs it. */
  private boolean readStreamPacket() {
    if (pendingPacket) {
      pendingPacket = false;
      return true;
    }
    while (demuxer.readPacket(packet, "av_read_frame")) {
      if (packet.stream_index() == streamIndex) {
        streamPackets++;
        return true;
      }
      av_packet_unref(packet);
    }
    if (streamPackets == 0) {
      demuxer.checkStreamHasPackets(streamIndex);
    }
    return false;
  }

  private void onPacket() {
    if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
      // The demuxer could not read this packet whole (a damaged or cut file): the decoder may still use it.
      damaged(AvErrors.INVALID_DATA, "av_read_frame (corrupt packet)");
    }
    if (indexMode == IndexMode.BASE_PLUS_PACKETS && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
      long ts = Timestamps.packetTime(packet);
      if (ts != Timestamps.NONE) {
        packetPtsSinceKeyframe.add(ts);
      }
    }
  }

  private boolean nextCandidate() {
    return decoder != null ? nextDecodedFrame() : nextPacketFrame();
  }

  private boolean nextDecodedFrame() {
    while (true) {
      int ret = decoder.receive(frame);
      if (ret >= 0) {
        framesDecoded++;
        consecutiveErrors = 0;
        if (frame.decode_error_flags() != 0 || (frame.flags() & AVFrame.AV_FRAME_FLAG_CORRUPT) != 0) {
          // The decoder concealed damage in this frame: it is returned, as FFmpeg and torchcodec return it, and
          // counted.
          damaged(AvErrors.INVALID_DATA, "avcodec_receive_frame (concealed damage)");
          consecutiveErrors = 0;
        }
        candidatePts = framePts(frame);
        candidateDuration = frame.duration();
        candidateKey = (frame.flags() & AVFrame.AV_FRAME_FLAG_KEY) != 0;
        return true;
      }
      if (ret == AvErrors.EOF) {
        return false;
      }
      if (ret != AvErrors.EAGAIN) {
        damaged(ret, "avcodec_receive_frame");
        continue;
      }
      if (demuxDone) {
        return false;
      }
      if (!readStreamPacket()) {
        demuxDone = true;
        decoder.send(null);
        continue;
      }
      onPacket();
      if (keyframesOnly && (packet.flags() & AV_PKT_FLAG_KEY) == 0) {
        av_packet_unref(packet);
        continue;
      }
      int sent = decoder.send(packet);
      av_packet_unref(packet);
      if (sent < 0 && sent != AvErrors.EAGAIN) {
        damaged(sent, "avcodec_send_packet");
      }
    }
  }

  private boolean nextPacketFrame() {
    while (true) {
      if (!reorder.isEmpty() && (demuxDone || reorder.size() > REORDER_WINDOW)) {
        PacketFrame p = reorder.poll();
        candidatePts = p.pts;
        candidateDuration = p.duration;
        candidateKey = p.key;
        return true;
      }
      if (demuxDone) {
        return false;
      }
      if (!readStreamPacket()) {
        demuxDone = true;
        continue;
      }
      onPacket();
      long ts = Timestamps.packetTime(packet);
      boolean wanted = !keyframesOnly || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
      if (wanted && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0 && ts != Timestamps.NONE) {
        reorder.add(new PacketFrame(ts, packet.duration(), (packet.flags() & AV_PKT_FLAG_KEY) != 0));
      }
      av_packet_unref(packet);
    }
  }

  private void damaged(int ret, String function) {
    corruptPackets++;
    if (++consecutiveErrors > MAX_CONSECUTIVE_DECODE_ERRORS) {
      throw AvErrors.failure(path, function, ret, null);
    }
    if (corruptPackets == 1) {
      LOG.warn("Skipping damaged data in stream {} of {}: {} returned '{}'; later errors in this file are counted,"
          + " not logged", streamIndex, path, function, AvErrors.describe(ret));
    }
  }

  private static long framePts(AVFrame f) {
    if (f.pts() != Timestamps.NONE) {
      return f.pts();
    }
    if (f.pkt_dts() != Timestamps.NONE) {
      return f.pkt_dts();
    }
    return f.best_effort_timestamp();
  }

  private static long earliest(long a, long b) {
    if (a == Timestamps.NONE) {
      return b;
    }
    if (b == Timestamps.NONE) {
      return a;
    }
    return Math.min(a, b);
  }

  private VideoFrame build(long index) {
    Double duration = candidateDuration > 0 ? time.seconds(candidateDuration) : null;
    if (converter == null) {
      return new VideoFrame(streamIndex, index, candidatePts, time.seconds(candidatePts), duration, candidateKey,
          packetOnlySize[0], packetOnlySize[1], null);
    }
    checkPictureSize(frame.width(), frame.height(), "a decoded frame has");
    byte[] data = converter.convert(frame, reuseData ? lastData : null);
    if (reuseData) {
      lastData = data;
    }
    if (data.length > maxFrameBytes) {
      throw new VideoException(path, "a " + format.optionName() + " frame of " + data.length + " bytes exceeds"
          + " maxFrameBytes=" + maxFrameBytes);
    }
    return new VideoFrame(streamIndex, index, candidatePts, time.seconds(candidatePts), duration, candidateKey,
        converter.width(), converter.height(), data);
  }

  private void checkPictureSize(long w, long h, String what) {
    if (w * h > maxFramePixels) {
      throw new VideoException(path, what + " a " + w + "x" + h + " picture, over maxFramePixels=" + maxFramePixels);
    }
  }

  /** Raw output sizes are known before anything is allocated: refuse what would exceed the limit. */
  private void checkOutputSize(long w, long h) {
    long bytes = format == FrameFormat.YUV420P ? w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2)
        : format == FrameFormat.GRAY ? w * h : w * h * 3;
    if (!format.isEncoded() && bytes > maxFrameBytes) {
      throw new VideoException(path, "a " + w + "x" + h + " " + format.optionName() + " frame needs " + bytes
          + " bytes, over maxFrameBytes=" + maxFrameBytes);
    }
  }

  /** Frees the decoder, converter, packet and frame. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    lastData = null;
    if (converter != null) {
      converter.close();
      converter = null;
    }
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    file.readerClosed(this);
  }

  /** A packet standing for a frame when nothing is decoded, ordered by pts. */
  private static final class PacketFrame implements Comparable<PacketFrame> {
    final long pts;
    final long duration;
    final boolean key;

    PacketFrame(long pts, long duration, boolean key) {
      this.pts = pts;
      this.duration = duration;
      this.key = key;
    }

    @Override
    public int compareTo(PacketFrame o) {
      return Long.compare(pts, o.pts);
    }
  }
}
