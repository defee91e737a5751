package io.movierecs.index.vectors;

/**
 * What kind of index serves: its Faiss factory string, inverted lists and default lists visited.
 *
 * @param factory Faiss factory string, e.g. {@code IDMap,Flat} or {@code IVF256,SQfp16}
 * @param nlist inverted lists, 0 for an exact index
 * @param nprobe lists visited by default, 0 for an exact index
 */
public record IndexLayout(String factory, int nlist, int nprobe) {

    public boolean exact() {
        return nlist == 0;
    }
}
