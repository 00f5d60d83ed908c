/**
 * Storage access for the decoder: {@link dev.sparkvideo.io.SeekableInput}, random-access reads of a file of known
 * length with read counters, and its implementation over Hadoop FileSystems. No FFmpeg and no Spark here.
 */
package dev.sparkvideo.io;
