package dev.sparkvideo.ffmpeg;

import java.io.Serializable;

/**
 * What the container header says about the whole file, with torchcodec's names. {@code null} means the header does
 * not say; no value is ever made up.
 *
 * @param format the demuxer's name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2} or {@code matroska,webm}
 * @param durationSecondsFromHeader the container's duration ({@code duration_seconds_from_header})
 * @param bitRateFromHeader the container's bit rate in bits per second ({@code bit_rate_from_header})
 * @param bestVideoStreamIndex FFmpeg's choice of video stream ({@code best_video_stream_index})
 * @param bestAudioStreamIndex FFmpeg's choice of audio stream ({@code best_audio_stream_index})
 * @param numStreams how many streams of any type the file has
 */
public record ContainerMetadata(String format, Double durationSecondsFromHeader, Long bitRateFromHeader,
    Integer bestVideoStreamIndex, Integer bestAudioStreamIndex, int numStreams) implements Serializable {}
