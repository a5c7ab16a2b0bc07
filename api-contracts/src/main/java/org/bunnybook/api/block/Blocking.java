package org.bunnybook.api.block;

/** Between a viewer and another member: whether the viewer blocks them, and whether they block the viewer. */
public record Blocking(boolean viewerBlocks, boolean blocksViewer) {

    public static final Blocking NONE = new Blocking(false, false);

    public boolean either() {
        return viewerBlocks || blocksViewer;
    }
}
