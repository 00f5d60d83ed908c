package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.av_add_index_entry;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.Test;

/** The container's index is built once per open file and stays what a fresh build of the demuxer's entries gives. */
class ContainerIndexTest {
  private static final VideoSpec MP4 = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END)
      .size(320, 240).frames(150).gop(25).bFrames(2);

  @Test
  void readersOfOneFileShareTheIndexAndNumberFramesAsFreshFilesDo() throws Exception {
    Path file = Fixtures.video(MP4);
    double[][] ranges = {{4.0, 4.4}, {1.0, 1.3}, {5.1, 5.5}};
    List<Long> shared = new ArrayList<>();
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      DecodeOrderIndex first = video.containerIndex(0);
      assertNotNull(first, "an MP4 sample table lists every frame");
      for (double[] r : ranges) {
        shared.addAll(indices(video, r));
        assertSame(first, video.containerIndex(0), "the index is built once for every reader of the file");
      }
      assertEquals(150L, video.indexedFrameCount(0));
      assertSame(first, video.containerIndex(0));
    }
    List<Long> fresh = new ArrayList<>();
    for (double[] r : ranges) {
      try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
        fresh.addAll(indices(video, r));
      }
    }
    assertEquals(fresh, shared);
    assertEquals(100L, shared.get(0), "4.0 s at 25 fps is frame 100");
  }

  @Test
  void anIndexThatChangesIsBuiltAgain() throws Exception {
    // What a demuxer that indexes while it reads (files without a full index) does: add an entry.
    try (SeekableInput in = Fixtures.open(Fixtures.video(MP4));
        Demuxer demuxer = Demuxer.open(in, VideoFile.DEFAULT_IO_BUFFER_SIZE)) {
      AVStream stream = demuxer.context().streams(0);
      ContainerIndex index = new ContainerIndex();
      DecodeOrderIndex built = index.of(stream);
      assertNotNull(built);
      assertSame(built, index.of(stream));
      int entries = avformat_index_get_entries_count(stream);
      long after = avformat_index_get_entry(stream, entries - 1).timestamp() + 1;
      assertTrue(av_add_index_entry(stream, in.length(), after, 1, 0, 0) >= 0);
      assertEquals(entries + 1, avformat_index_get_entries_count(stream));
      assertNull(index.of(stream), "101 entries for 100 samples is no longer an index of every frame");
    }
  }

  private static List<Long> indices(VideoFile video, double[] range) {
    List<Long> out = new ArrayList<>();
    try (FrameReader frames = video.frames(FrameRequest.builder().decodePixels(false)
        .startSeconds(range[0]).endSeconds(range[1]).build())) {
      while (frames.next()) {
        out.add(frames.get().frameIndex());
      }
    }
    return out;
  }
}
