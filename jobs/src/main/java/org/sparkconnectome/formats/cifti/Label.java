package org.sparkconnectome.formats.cifti;

/**
 * One entry of a CIFTI-2 label table.
 *
 * @param key the value that grayordinates of this label hold in the data
 * @param name the label's name (the element's text)
 * @param rgba red, green, blue and alpha in 0..1
 */
public record Label(int key, String name, float[] rgba) {
}
