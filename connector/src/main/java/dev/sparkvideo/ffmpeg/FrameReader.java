package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Reads the frames of one stream in display order, from {@link VideoFile#frames(FrameRequest)}.
 *
 * <p>Use it like a cursor: {@code while (reader.next()) use(reader.get());}. It does the least work the request
 * allows: with a start time it seeks to the keyframe before it through the container's index and decodes from
 * there; with an end time or a last frame index it stops at the first frame past it; without pixels it decodes
 * nothing; for keyframes only it decodes keyframe packets only. Frames are numbered by the frame contract
 * ({@link FrameNumbering}), identically in every read: with or without pixels, from the start or after a seek. By
 * default a frame is converted on a second thread while the next frame in range is decoded
 * ({@link FrameRequest#conversionThread()}).
 *
 * <p>Not thread-safe. Frees every native resource on {@link #close()}, which is idempotent; closing the
 * {@link VideoFile} closes its reader too.
 */
public final class FrameReader implements AutoCloseable {
  private static final int MAX_SEEK_ATTEMPTS = 8;

  private final VideoFile file;
  private final Demuxer demuxer;
  private final String path;
  private final int streamIndex;
  private final Timestamps time;
  private final long streamStartTs;
  private final long startTs;
  private final long endTs;
  private final long frameStep;
  private final long firstFrameIndex;
  private final long endFrameIndex;
  private final ContentIndex content;
  private final FrameNumbering numbering;
  /** The counts of a stream without a per-frame index, else {@code null}. */
  private final CountedKeyframes counted;
  private final Damage damage;
  private final PictureLimits limits;
  private final boolean keyframesAfterDecoding;
  /**
   * How far before the start time a seek looks for its keyframe: one frame where bwdif deinterlaces (it takes the
   * frame before each one), so that the first frame read is deinterlaced as in a read from the start; else 0.
   */
  private final long seekLead;
  /** One frame's duration in the stream's time base (at least 1): the first step back of a seek that landed late. */
  private final long frameTicks;

  private StreamPackets packets;
  private StreamDecoder decoder;
  private FrameSource source;
  private FramePixels pixels;

  private boolean positioned;
  private boolean pendingCandidate;
  private boolean finished;
  private boolean closed;
  private VideoFrame current;
  private long framesReturned;
  private long lastReturnedIndex = -1;
  private long candidateIndex;
  private long candidatePts;
  private boolean lookedAhead;
  private RuntimeException deferredFailure;

  FrameReader(VideoFile file, Demuxer demuxer, int streamIndex, FrameRequest request, ContentIndex content,
      StreamMetadata metadata) {
    this.file = file;
    this.demuxer = demuxer;
    this.path = demuxer.path();
    this.streamIndex = streamIndex;
    this.content = content;
    this.frameStep = request.frameStep();
    this.firstFrameIndex = request.firstFrameIndex();
    this.endFrameIndex = request.endFrameIndex();
    AVStream stream = demuxer.context().streams(streamIndex);
    this.time = new Timestamps(stream.time_base());
    this.streamStartTs = stream.start_time();
    this.startTs = request.startSeconds() == null ? Long.MIN_VALUE : time.ceilTs(request.startSeconds());
    this.endTs = request.endSeconds() == null ? Long.MAX_VALUE : time.ceilTs(request.endSeconds());
    this.numbering = new FrameNumbering(FrameNumbering.basisFor(demuxer.context(), stream));
    this.counted = content == null && file.containerIndex(streamIndex) == null
        ? file.countedKeyframes(streamIndex) : null;
    numbering.recordKeyframesIn(counted);
    this.damage = new Damage(path, streamIndex);
    this.limits = PictureLimits.of(path, request, metadata);
    // Streams numbered by decoding are decoded even when no pixels are asked for, and to return their keyframes,
    // every frame: the decoder's output times depend on every packet it is given.
    boolean byDecoding = numbering.basis() == FrameNumbering.Basis.DECODER_OUTPUT;
    boolean decode = request.decodePixels() || byDecoding;
    this.keyframesAfterDecoding = request.keyframesOnly() && byDecoding;
    this.frameTicks = Timestamps.longestFrameDuration(stream);
    this.seekLead = request.deinterlace() && request.decodePixels() ? frameTicks : 0;
    try {
      packets = new StreamPackets(demuxer, streamIndex, damage);
      if (!decode) {
        source = new PacketFrames(packets, numbering, request.keyframesOnly());
        return;
      }
      decoder = StreamDecoder.open(path, stream, request.threads(), request.maxFramePixels(),
          demuxer.reorderDepthDeclared(streamIndex));
      DecodedFrames decoded = new DecodedFrames(packets, numbering, decoder, damage,
          request.keyframesOnly() && !byDecoding, streamStartTs, Timestamps.frameDuration(stream));
      if (startTs != Long.MIN_VALUE && !byDecoding) {
        decoded.skipUnreferencedBefore(startTs - seekLead);
      }
      source = request.deinterlace() ? new DeinterlacedFrames(path, decoded, time, request.threads()) : decoded;
      if (request.decodePixels()) {
        pixels = new FramePixels(path, new FrameConverter(path, time, Rotation.streamMatrix(stream.codecpar()),
            request.format(), request.width(), request.height(), request.autorotate(), request.threads()),
            request.conversionThread(), request.reuseData());
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
   * @throws VideoException when the file cannot be read (storage failure, damaged or truncated file)
   * @throws IllegalStateException after {@link #close()}
   */
  public boolean next() {
    if (closed) {
      throw new IllegalStateException("FrameReader is closed: " + path);
    }
    current = null;
    if (deferredFailure != null) {
      RuntimeException failure = deferredFailure;
      deferredFailure = null;
      throw failure;
    }
    if (!lookedAhead && !advance()) {
      return false;
    }
    lookedAhead = false;
    lastReturnedIndex = candidateIndex;
    current = build(candidateIndex, candidatePts);
    framesReturned++;
    return true;
  }

  /** Moves the source to the next frame in the requested range: its index and time are then the candidate's. */
  private boolean advance() {
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
      } else if (!source.next()) {
        finished = true;
        // Every frame the file holds was returned: a file cut short says so now.
        demuxer.checkComplete();
        return false;
      }
      long pts = source.pts();
      long index = numbering.indexOf(pts);
      if (pts < startTs) {
        continue;
      }
      if (pts >= endTs || index >= endFrameIndex) {
        finished = true;
        return false;
      }
      if (index < firstFrameIndex || index % frameStep != 0 || keyframesAfterDecoding && !source.key()) {
        continue;
      }
      candidateIndex = index;
      candidatePts = pts;
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
    return source == null ? 0 : source.framesDecoded();
  }

  /** Frames returned by {@link #next()}. */
  public long framesReturned() {
    return framesReturned;
  }

  /** Packets the decoder rejected as damaged and skipped, and frames it returned with concealed damage. */
  public long corruptPackets() {
    return damage.count();
  }

  // ---- positioning ----

  private void position() {
    long target = startTs == Long.MIN_VALUE ? startTs : startTs - seekLead;
    boolean seek = startTs != Long.MIN_VALUE && numbering.basis() == FrameNumbering.Basis.PACKET_TIMES
        && target > (streamStartTs != Timestamps.NONE ? streamStartTs : 0);
    if (seek && seekTo(target)) {
      return;
    }
    resetPipeline();
    if (!file.takeFreshStart()) {
      packets.rewind();
    }
    numbering.startAt(0, true);
  }

  /**
   * Seeks to the keyframe before {@code target} and checks that decoding from it reaches {@code target}; steps back
   * to an earlier keyframe when the first frame decoded is already past it (as with frames that reference the
   * previous group of pictures). Returns false when the caller must read from the start instead.
   */
  private boolean seekTo(long target) {
    long seekTs = target;
    long previousKeyPos = Long.MIN_VALUE;
    long span = frameTicks;
    long previousLandedTs = Long.MAX_VALUE;
    for (int attempt = 0; attempt < MAX_SEEK_ATTEMPTS; attempt++) {
      resetPipeline();
      file.takeFreshStart();
      boolean known = counted != null && counted.seekToKnown(packets, seekTs);
      if (!known && !packets.seekBackward(seekTs) || !packets.next()) {
        return false;
      }
      long landedTs = Timestamps.earliest(packets.packet().pts(), packets.packet().dts());
      boolean landedOnKey = (packets.packet().flags() & AV_PKT_FLAG_KEY) != 0;
      // Containers without an index (MPEG-TS, PS) seek to a byte position, not a keyframe: start at the next
      // keyframe, and when it is too late (or none follows), look a span earlier, doubled each time.
      if (!landedOnKey) {
        if (landedTs == Timestamps.NONE || landedTs >= previousLandedTs) {
          return false;
        }
        previousLandedTs = landedTs;
        if (!nextKeyPacket()) {
          seekTs = landedTs - span;
          span = span > Long.MAX_VALUE / 4 ? span : span * 2;
          continue;
        }
      }
      packets.putBack();
      AVPacket key = packets.packet();
      long keyPos = key.pos();
      long keyTs = Timestamps.earliest(key.pts(), key.dts());
      Long before = framesBefore(keyPos, key.dts());
      if (before == null) {
        return false;
      }
      numbering.startAt(before, false);
      if (!source.next()) {
        // Nothing decodable from here: the seek went past the frames wanted; read from the start instead.
        return false;
      }
      // The same keyframe again from a seek that landed on it (not one found by reading on): none is earlier.
      boolean atFirstKeyframe = keyTs == Timestamps.NONE || keyTs <= streamStartTs
          || landedOnKey && keyPos == previousKeyPos;
      if (source.pts() <= target || atFirstKeyframe) {
        pendingCandidate = true;
        return true;
      }
      previousKeyPos = keyPos;
      seekTs = landedOnKey ? keyTs - 1 : Math.min(keyTs, landedTs) - span;
      span = landedOnKey || span > Long.MAX_VALUE / 4 ? span : span * 2;
    }
    return false;
  }

  /** Reads on to the stream's next keyframe packet (left as the current packet); false at the end. */
  private boolean nextKeyPacket() {
    while ((packets.packet().flags() & AV_PKT_FLAG_KEY) == 0) {
      packets.release();
      if (!packets.next()) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many frames precede the keyframe at {@code keyPos} in decode order, or {@code null} when it cannot be known.
   * Leaves the demuxer just after that keyframe's packet, which is put back to be read again.
   */
  private Long framesBefore(long keyPos, long keyDts) {
    DecodeOrderIndex index = content != null ? content.stream(streamIndex) : file.containerIndex(streamIndex);
    if (index != null) {
      long n = index.framesBefore(keyPos, keyDts);
      if (n >= 0) {
        return n;
      }
    }
    // No per-frame index (or none for this keyframe): count the frames before it, reading their packets but not
    // decoding them, unless a count or read of the file has passed it.
    CountedKeyframes keyframes = counted != null ? counted : file.countedKeyframes(streamIndex);
    long known = keyframes.known(keyPos);
    if (known >= 0) {
      return known;
    }
    resetPipeline();
    return keyframes.count(packets, keyPos);
  }

  private void resetPipeline() {
    packets.clear();
    pendingCandidate = false;
    source.reset();
  }

  private VideoFrame build(long index, long pts) {
    long d = source.duration();
    Double duration = d > 0 ? time.seconds(d) : null;
    boolean key = source.key();
    if (pixels == null) {
      return new VideoFrame(streamIndex, index, pts, time.seconds(pts), duration, key, limits.width(),
          limits.height(), null);
    }
    AVFrame picture = source.picture();
    limits.checkPicture(picture.width(), picture.height(), "a decoded frame has");
    // From the second frame on: a read that takes only the first frame reads and decodes nothing past it.
    byte[] data = pixels.convert(picture, framesReturned > 0 ? this::lookAhead : null);
    limits.checkData(data.length);
    return new VideoFrame(streamIndex, index, pts, time.seconds(pts), duration, key, pixels.width(),
        pixels.height(), data);
  }

  /**
   * While the frame just handed over is converted, finds the next one; a failure on the way is thrown by the next
   * {@link #next()}, after the frames before it were returned, as a reader without the look-ahead would.
   */
  private void lookAhead() {
    try {
      lookedAhead = advance();
    } catch (RuntimeException e) {
      deferredFailure = e;
    }
  }

  /** Frees the decoder, converter, packet and frames. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    if (pixels != null) {
      pixels.close();
      pixels = null;
    }
    if (source != null) {
      source.close();
    }
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
    if (packets != null) {
      packets.close();
      packets = null;
    }
    file.readerClosed(this);
  }
}
