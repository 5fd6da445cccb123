package org.sparkconnectome.bids;

import java.io.Serializable;

/**
 * One {@code sub-X} folder to scan: the unit of work the scan spreads over executors.
 *
 * @param dataset "raw" or the derivative pipeline's name
 * @param datasetRoot URI of the dataset (or derivative) root that holds the folder
 * @param uri URI of the {@code sub-X} folder
 * @param subject the label X
 */
public record SubjectFolder(String dataset, String datasetRoot, String uri, String subject)
    implements Serializable {
}
