package dev.sparkvideo.ffmpeg;

import java.io.Serializable;
import java.util.List;

/**
 * Everything known about a file without decoding it: the container and each of its streams.
 *
 * @param container the container-level values
 * @param streams every stream, in index order ({@code streams.get(i).streamIndex() == i})
 * @param seekMode how the file was indexed: in {@link SeekMode#EXACT} the {@code *_from_content} values are set
 */
public record VideoMetadata(ContainerMetadata container, List<StreamMetadata> streams, SeekMode seekMode)
    implements Serializable {

  /** A copy-safe instance: {@code streams} becomes unmodifiable. */
  public VideoMetadata {
    streams = List.copyOf(streams);
  }

  /**
   * The stream with this index.
   *
   * @throws IllegalArgumentException when there is none
   */
  public StreamMetadata stream(int index) {
    if (index < 0 || index >= streams.size()) {
      throw new IllegalArgumentException("No stream " + index + "; the file has " + streams.size() + " streams");
    }
    return streams.get(index);
  }
}
