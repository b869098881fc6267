package io.ticketsmith.safety;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds which of a fixed list of strings a text contains, in one pass over the text (the Aho-Corasick automaton):
 * the strings that the rules of {@link InjectionRules} require, several hundred, looked up in every view of every
 * screened text. {@code find(text)[i]} is {@code text.contains(literals.get(i))}.
 */
final class InjectionLiteralFinder {

    private static final long NO_EDGE = -1;

    private final int literalCount;
    private final boolean[] empty;
    /** Trie edges, open addressing: key {@code node << 16 | character}, value the child node. */
    private final long[] edgeKeys;
    private final int[] edgeTargets;
    private final int edgeMask;
    /** Per node: the node of its longest proper suffix in the trie. */
    private final int[] fail;
    /** Per node: the index of the string that ends there, or -1. */
    private final int[] literalAt;
    /** Per node: the nearest node on its fail chain where a string ends, or the root. */
    private final int[] nextOutput;

    InjectionLiteralFinder(List<String> literals) {
        literalCount = literals.size();
        empty = new boolean[literalCount];
        List<List<int[]>> children = new ArrayList<>();
        children.add(new ArrayList<>());
        List<Integer> ends = new ArrayList<>(List.of(-1));
        int edges = 0;
        for (int i = 0; i < literals.size(); i++) {
            String literal = literals.get(i);
            empty[i] = literal.isEmpty();
            int node = 0;
            for (int k = 0; k < literal.length(); k++) {
                int child = childWhileBuilding(children.get(node), literal.charAt(k));
                if (child < 0) {
                    child = children.size();
                    children.add(new ArrayList<>());
                    ends.add(-1);
                    children.get(node).add(new int[] {literal.charAt(k), child});
                    edges++;
                }
                node = child;
            }
            if (!literal.isEmpty()) {
                ends.set(node, i);
            }
        }
        int size = Integer.highestOneBit(Math.max(4, edges * 2)) * 2;
        edgeKeys = new long[size];
        Arrays.fill(edgeKeys, NO_EDGE);
        edgeTargets = new int[size];
        edgeMask = size - 1;
        for (int node = 0; node < children.size(); node++) {
            for (int[] edge : children.get(node)) {
                putEdge(node, (char) edge[0], edge[1]);
            }
        }
        int nodes = children.size();
        literalAt = ends.stream().mapToInt(Integer::intValue).toArray();
        fail = new int[nodes];
        nextOutput = new int[nodes];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int[] edge : children.get(0)) {
            queue.add(edge[1]);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int[] edge : children.get(node)) {
                char c = (char) edge[0];
                int child = edge[1];
                int suffix = fail[node];
                while (suffix != 0 && child(suffix, c) < 0) {
                    suffix = fail[suffix];
                }
                int target = child(suffix, c);
                fail[child] = target >= 0 && target != child ? target : 0;
                nextOutput[child] = literalAt[fail[child]] >= 0 ? fail[child] : nextOutput[fail[child]];
                queue.add(child);
            }
        }
    }

    /** For each string, by its index in the list, whether the text contains it. */
    boolean[] find(String text) {
        boolean[] found = empty.clone();
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int child = child(node, c);
            while (child < 0 && node != 0) {
                node = fail[node];
                child = child(node, c);
            }
            node = Math.max(child, 0);
            for (int out = node; out != 0; out = nextOutput[out]) {
                if (literalAt[out] >= 0) {
                    found[literalAt[out]] = true;
                }
            }
        }
        return found;
    }

    private static int childWhileBuilding(List<int[]> edges, char c) {
        for (int[] edge : edges) {
            if (edge[0] == c) {
                return edge[1];
            }
        }
        return -1;
    }

    private void putEdge(int node, char c, int target) {
        long key = (long) node << 16 | c;
        int slot = slot(key);
        while (edgeKeys[slot] != NO_EDGE) {
            slot = (slot + 1) & edgeMask;
        }
        edgeKeys[slot] = key;
        edgeTargets[slot] = target;
    }

    private int child(int node, char c) {
        long key = (long) node << 16 | c;
        for (int slot = slot(key); edgeKeys[slot] != NO_EDGE; slot = (slot + 1) & edgeMask) {
            if (edgeKeys[slot] == key) {
                return edgeTargets[slot];
            }
        }
        return -1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & edgeMask;
    }
}
