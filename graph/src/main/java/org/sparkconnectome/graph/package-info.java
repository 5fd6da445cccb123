/** Connectome graphs: the model, network metrics, GraphFrames-schema tables, GraphX algorithms. */
package org.sparkconnectome.graph;
