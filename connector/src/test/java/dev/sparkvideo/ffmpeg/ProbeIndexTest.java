package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.*;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.*;
import org.junit.jupiter.api.Test;

class ProbeIndexTest {
  @Test
  void show() throws Exception {
    Path file = Fixtures.video(VideoSpec.of(VideoSpec.Codec.H264, VideoSpec.Container.MP4_MOOV_AT_END));
    try (SeekableInput in = Fixtures.open(file); Demuxer d = Demuxer.open(in, 65536)) {
      AVStream st = d.context().streams(0);
      int n = avformat_index_get_entries_count(st);
      System.out.println("entries=" + n + " nb_frames=" + st.nb_frames());
      for (int i = 0; i < n; i++) {
        AVIndexEntry e = avformat_index_get_entry(st, i);
        System.out.println(i + " ts=" + e.timestamp() + " pos=" + e.pos() + " flags=" + e.flags() + " size=" + e.size());
      }
    }
  }
}
