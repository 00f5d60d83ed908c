package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Function;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * One libavfilter graph, {@code buffer -> CHAIN -> buffersink}, run the way the ffmpeg command line runs the graph of
 * a video stream: the source is configured from the first frame pushed (size, pixel format, time base, sample aspect
 * ratio, colour space and range), scalers it inserts use the command line's {@code flags=bicubic}, and the graph is
 * drained and rebuilt when a frame arrives with other parameters. The chain is worked out per configuration from the
 * frame that starts it ({@code chainFor}), as the command line takes the display matrix from the frame.
 *
 * <p>Frames pushed stay the caller's; frames pulled are the caller's to unref. Not thread-safe. {@link #close()}
 * frees the graph and every frame it holds, and is idempotent.
 */
final class FilterGraph implements AutoCloseable {
  /** What the command line hands the scalers it inserts (its default {@code -sws_flags}). */
  private static final String SCALER_OPTIONS = "flags=bicubic";
  private static final int KEEP_REF = 8; // AV_BUFFERSRC_FLAG_KEEP_REF

  private final String path;
  private final Timestamps timeBase;
  private final Function<AVFrame, String> chainFor;
  private final int threads;
  private final ArrayDeque<AVFrame> drained = new ArrayDeque<>();
  private AVFilterGraph graph;
  private AVFilterContext source;
  private AVFilterContext sink;
  private FrameParameters configured;
  private boolean closed;

  /**
   * @param chainFor the filters between source and sink for a graph that starts with the given frame, in FFmpeg's
   *     filtergraph syntax (never empty: {@code null} for a pass-through)
   * @param timeBase the time base of the frames' timestamps (their stream's)
   * @param threads filter threads, as FFmpeg's {@code threads} graph option (0: as many as cores)
   */
  FilterGraph(String path, Timestamps timeBase, Function<AVFrame, String> chainFor, int threads) {
    this.path = path;
    this.timeBase = timeBase;
    this.chainFor = chainFor;
    this.threads = threads;
  }

  /**
   * Sends a frame into the graph, building it first, or draining and rebuilding it when the frame's parameters differ
   * from the graph's.
   */
  void push(AVFrame frame) {
    FrameParameters p = FrameParameters.of(frame);
    if (graph != null && !p.equals(configured)) {
      drainInto(drained);
      free();
    }
    if (graph == null) {
      build(frame, p);
    }
    check(av_buffersrc_add_frame_flags(source, frame, KEEP_REF), "av_buffersrc_add_frame_flags");
  }

  /** Tells the graph that no more frames come, so that filters holding frames (a deinterlacer) let them out. */
  void finish() {
    if (graph != null) {
      check(av_buffersrc_add_frame_flags(source, null, 0), "av_buffersrc_add_frame_flags (end of stream)");
    }
  }

  /**
   * Moves the next filtered frame into {@code out}.
   *
   * @return false when the graph holds no finished frame now (it needs more input, or it has ended)
   */
  boolean pull(AVFrame out) {
    AVFrame early = drained.poll();
    if (early != null) {
      av_frame_move_ref(out, early);
      av_frame_free(early);
      return true;
    }
    if (graph == null) {
      return false;
    }
    int ret = av_buffersink_get_frame(sink, out);
    if (ret == AvErrors.EAGAIN || ret == AvErrors.EOF) {
      return false;
    }
    check(ret, "av_buffersink_get_frame");
    return true;
  }

  /** Forgets the graph and every frame in it, as after a seek; the next push builds a new one. */
  void reset() {
    free();
    clearDrained();
  }

  private void build(AVFrame frame, FrameParameters p) {
    AVFilterGraph g = avfilter_graph_alloc();
    if (g == null || g.isNull()) {
      throw AvErrors.failure(path, "avfilter_graph_alloc", AvErrors.ENOMEM, null);
    }
    graph = g;
    configured = p;
    check(av_opt_set(g, "scale_sws_opts", SCALER_OPTIONS, 0), "av_opt_set scale_sws_opts");
    check(av_opt_set(g, "threads", Integer.toString(threads), 0), "av_opt_set threads");
    AVFilterContext src = new AVFilterContext(null);
    check(avfilter_graph_create_filter(src, avfilter_get_by_name("buffer"), "in", sourceArguments(frame), null, g),
        "avfilter_graph_create_filter buffer");
    source = src;
    AVFilterContext snk = new AVFilterContext(null);
    check(avfilter_graph_create_filter(snk, avfilter_get_by_name("buffersink"), "out", null, null, g),
        "avfilter_graph_create_filter buffersink");
    sink = snk;
    String chain = chainFor.apply(frame);
    AVFilterInOut outputs = avfilter_inout_alloc();
    AVFilterInOut inputs = avfilter_inout_alloc();
    try {
      if (outputs == null || outputs.isNull() || inputs == null || inputs.isNull()) {
        throw AvErrors.failure(path, "avfilter_inout_alloc", AvErrors.ENOMEM, null);
      }
      outputs.name(av_strdup(new BytePointer("in"))).filter_ctx(src).pad_idx(0).next(null);
      inputs.name(av_strdup(new BytePointer("out"))).filter_ctx(snk).pad_idx(0).next(null);
      check(avfilter_graph_parse_ptr(g, chain == null ? "null" : chain, inputs, outputs, null),
          "avfilter_graph_parse_ptr '" + chain + "'");
    } finally {
      avfilter_inout_free(inputs);
      avfilter_inout_free(outputs);
    }
    check(avfilter_graph_config(g, null), "avfilter_graph_config '" + chain + "'");
  }

  /** Ends the current graph and keeps what it still held, in order, for {@link #pull}. */
  private void drainInto(ArrayDeque<AVFrame> into) {
    finish();
    AVFrame f = av_frame_alloc();
    if (f == null || f.isNull()) {
      throw AvErrors.failure(path, "av_frame_alloc", AvErrors.ENOMEM, null);
    }
    try {
      while (av_buffersink_get_frame(sink, f) >= 0) {
        AVFrame kept = av_frame_clone(f);
        av_frame_unref(f);
        if (kept == null || kept.isNull()) {
          throw AvErrors.failure(path, "av_frame_clone", AvErrors.ENOMEM, null);
        }
        into.add(kept);
      }
    } finally {
      av_frame_free(f);
    }
  }

  private void check(int ret, String function) {
    if (ret < 0) {
      throw AvErrors.failure(path, function, ret, null);
    }
  }

  private void free() {
    AVFilterGraph g = graph;
    graph = null;
    source = null;
    sink = null;
    configured = null;
    if (g != null) {
      avfilter_graph_free(g);
    }
  }

  private void clearDrained() {
    AVFrame f;
    while ((f = drained.poll()) != null) {
      av_frame_free(f);
    }
  }

  /** Frees the graph and any frames it holds. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    reset();
  }

  /** The source's configuration, as the command line writes it for a decoded frame. */
  private String sourceArguments(AVFrame f) {
    int sarNum = f.sample_aspect_ratio().num();
    int sarDen = f.sample_aspect_ratio().den();
    boolean sar = sarNum > 0 && sarDen > 0;
    return String.format(Locale.ROOT, "video_size=%dx%d:pix_fmt=%d:time_base=%s:pixel_aspect=%d/%d:colorspace=%d"
        + ":range=%d", f.width(), f.height(), f.format(), timeBase, sar ? sarNum : 0, sar ? sarDen : 1,
        f.colorspace(), f.color_range());
  }

  /** The frame parameters that make the command line rebuild its graph; the time base and aspect never do. */
  private record FrameParameters(int width, int height, int format, int colorSpace, int colorRange) {
    static FrameParameters of(AVFrame f) {
      return new FrameParameters(f.width(), f.height(), f.format(), f.colorspace(), f.color_range());
    }
  }
}
