package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Frames as the decoder returns them: the frame packets ({@link FrameGate}; packets that can never yield a picture
 * are not sent) go to the decoder, pictures come out in display order. A picture's time is the decoder's best-effort
 * timestamp, as the ffmpeg command line takes it; where there is none (the last pictures of a stream whose packets
 * carry decoding times only), the previous picture's time plus its duration.
 */
final class DecodedFrames implements FrameSource {
  private final StreamPackets packets;
  private final FrameNumbering numbering;
  private final StreamDecoder decoder;
  private final Damage damage;
  private final boolean keyframesOnly;
  private final long startTime;
  private final long defaultDuration;
  private AVFrame frame;
  private boolean demuxDone;
  private long pts;
  private long duration;
  private boolean key;
  private long previousPts = Timestamps.NONE;
  private long previousDuration;
  private long decoded;
  private long firstNeededPts = Long.MIN_VALUE;

  /**
   * @param startTime the stream's start time, where a first picture without any timestamp is placed (or NONE for 0)
   * @param defaultDuration a frame's duration at the stream's frame rate, in its time base, for pictures that say
   *     none (at least 1)
   */
  DecodedFrames(StreamPackets packets, FrameNumbering numbering, StreamDecoder decoder, Damage damage,
      boolean keyframesOnly, long startTime, long defaultDuration) {
    this.packets = packets;
    this.numbering = numbering;
    this.decoder = decoder;
    this.damage = damage;
    this.keyframesOnly = keyframesOnly;
    this.startTime = startTime == Timestamps.NONE ? 0 : startTime;
    this.defaultDuration = Math.max(1, defaultDuration);
    this.frame = av_frame_alloc();
    if (frame == null || frame.isNull()) {
      throw AvErrors.failure(packets.path(), "av_frame_alloc", AvErrors.ENOMEM, null);
    }
  }

  @Override
  public boolean next() {
    while (true) {
      int ret = decoder.receive(frame);
      if (ret >= 0) {
        decoded++;
        damage.recovered();
        if (frame.decode_error_flags() != 0 || (frame.flags() & AVFrame.AV_FRAME_FLAG_CORRUPT) != 0) {
          // The decoder concealed damage in this picture: it is returned, as FFmpeg and torchcodec return it, and
          // counted.
          damage.report(AvErrors.INVALID_DATA, "avcodec_receive_frame (concealed damage)");
          damage.recovered();
        }
        takeTimes();
        return true;
      }
      if (ret == AvErrors.EOF) {
        return false;
      }
      if (ret != AvErrors.EAGAIN) {
        damage.report(ret, "avcodec_receive_frame");
        continue;
      }
      if (demuxDone) {
        return false;
      }
      if (!packets.next()) {
        demuxDone = true;
        decoder.send(null);
        continue;
      }
      send(packets.packet());
    }
  }

  /**
   * Leaves out, where the decoder knows its reorder depth ({@link StreamDecoder#reorderDepthKnown()}), the pictures
   * shown before {@code pts} that no other picture references: no read returns them, and decoding them would change
   * nothing in the pictures it does return (a seek to a frame late in its group of pictures decodes about half the
   * frames before it when they are B-frames). {@code Long.MIN_VALUE}: decode every picture. Only for streams
   * numbered from their packets: the count of decoded pictures then numbers nothing.
   */
  void skipUnreferencedBefore(long pts) {
    firstNeededPts = decoder.reorderDepthKnown() ? pts : Long.MIN_VALUE;
  }

  private void send(AVPacket p) {
    try {
      if (numbering.admit(p) == FrameGate.Verdict.SKIP || keyframesOnly && (p.flags() & AV_PKT_FLAG_KEY) == 0) {
        return;
      }
      long packetPts = p.pts();
      decoder.discardUnreferenced(packetPts != Timestamps.NONE && packetPts < firstNeededPts);
      int sent = decoder.send(p);
      if (sent < 0 && sent != AvErrors.EAGAIN) {
        damage.report(sent, "avcodec_send_packet");
      }
    } finally {
      packets.release();
    }
  }

  private void takeTimes() {
    long ts = frame.best_effort_timestamp();
    if (ts == Timestamps.NONE) {
      ts = previousPts == Timestamps.NONE ? startTime : previousPts + previousDuration;
    }
    pts = ts;
    duration = Math.max(frame.duration(), 0);
    key = (frame.flags() & AVFrame.AV_FRAME_FLAG_KEY) != 0;
    previousPts = ts;
    previousDuration = duration > 0 ? duration : defaultDuration;
  }

  @Override
  public long pts() {
    return pts;
  }

  @Override
  public long duration() {
    return duration;
  }

  @Override
  public boolean key() {
    return key;
  }

  @Override
  public AVFrame picture() {
    return frame;
  }

  @Override
  public void reset() {
    demuxDone = false;
    previousPts = Timestamps.NONE;
    decoder.flush();
  }

  @Override
  public long framesDecoded() {
    return decoded;
  }

  @Override
  public void close() {
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
  }
}
