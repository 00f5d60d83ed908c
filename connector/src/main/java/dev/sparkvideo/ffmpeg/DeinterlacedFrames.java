package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayDeque;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decoded frames made progressive by FFmpeg's {@code bwdif} filter, one frame out per frame in ({@code
 * mode=send_frame}), fields told apart by the frames' own flags ({@code parity=auto}), frames not marked interlaced
 * passed through ({@code deint=interlaced}). The filter uses the frames before and after each one, so it runs on
 * every frame decoded, wanted or not, and gives out each frame after the next one has come in; the times, durations
 * and key flags are the decoded frames', in the same order.
 */
final class DeinterlacedFrames implements FrameSource {
  /** The deinterlacer as the option documents it. */
  static final String FILTER = "bwdif=mode=send_frame:parity=auto:deint=interlaced";

  private final DecodedFrames decoded;
  private final FilterGraph graph;
  private final ArrayDeque<Shown> waiting = new ArrayDeque<>();
  private AVFrame out;
  private boolean decodedDone;
  private Shown current;

  DeinterlacedFrames(String path, DecodedFrames decoded, Timestamps timeBase, int threads) {
    this.decoded = decoded;
    this.graph = new FilterGraph(path, timeBase, frame -> FILTER, threads);
    this.out = av_frame_alloc();
    if (out == null || out.isNull()) {
      graph.close();
      throw AvErrors.failure(path, "av_frame_alloc", AvErrors.ENOMEM, null);
    }
  }

  @Override
  public boolean next() {
    av_frame_unref(out);
    while (true) {
      if (graph.pull(out)) {
        current = waiting.poll();
        if (current == null) {
          throw new IllegalStateException("bwdif returned more frames than it was given");
        }
        return true;
      }
      if (decodedDone) {
        return false;
      }
      if (decoded.next()) {
        waiting.add(new Shown(decoded.pts(), decoded.duration(), decoded.key()));
        graph.push(decoded.picture());
      } else {
        decodedDone = true;
        graph.finish();
      }
    }
  }

  @Override
  public long pts() {
    return current.pts();
  }

  @Override
  public long duration() {
    return current.duration();
  }

  @Override
  public boolean key() {
    return current.key();
  }

  @Override
  public AVFrame picture() {
    return out;
  }

  @Override
  public void reset() {
    decoded.reset();
    graph.reset();
    waiting.clear();
    decodedDone = false;
    current = null;
    av_frame_unref(out);
  }

  @Override
  public long framesDecoded() {
    return decoded.framesDecoded();
  }

  @Override
  public void close() {
    graph.close();
    decoded.close();
    if (out != null) {
      av_frame_free(out);
      out = null;
    }
  }

  /** What the reader reports of a frame waiting in the filter. */
  private record Shown(long pts, long duration, boolean key) {}
}
