package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;

import dev.sparkvideo.ffmpeg.FrameRequest;
import java.nio.file.Path;

/**
 * Case 7: what {@code deinterlace} costs. Every frame of interlaced MPEG-2 (SD and 1080i) decoded to rgb24 by the
 * core, one thread, without and with bwdif, in turns.
 */
final class DeinterlaceCase {
  private final ResultTable table;

  DeinterlaceCase(ResultTable table) {
    this.table = table;
  }

  void run(String name, Path file, int frames) throws Exception {
    double[] medians = Timing.interleavedMedians(Timing.REPEATS,
        () -> CoreLoop.decode(file, FrameRequest.builder().reuseData(true).build()),
        () -> CoreLoop.decode(file, FrameRequest.builder().reuseData(true).deinterlace(true).build()));
    table.add("7", name + ": frames/s to rgb24, 1 thread, deinterlace=true vs false", number(frames / medians[1]),
        number(frames / medians[0]), ratio(medians[0] / medians[1]), "-", null);
  }
}
