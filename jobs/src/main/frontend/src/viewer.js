// The report's interactive 3D view: the atlas volume and the cohort graph in NiiVue. The report
// page embeds this bundle and a JSON block (id "niivue-data") that the Java report writes:
// { atlas: { name, base64 }, connectome: <NiiVue connectome JSON> }.
import { Niivue, NVImage } from '@niivue/niivue';

async function showViewer() {
  const canvas = document.getElementById('niivue-canvas');
  const status = document.getElementById('niivue-status');
  const block = document.getElementById('niivue-data');
  if (!canvas || !block) {
    return;
  }
  const data = JSON.parse(block.textContent);
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    // Without WebGL2 NiiVue cannot draw; say so on the page instead of failing silently.
    status.textContent = 'This browser has no WebGL2: the 3D view is unavailable. '
      + 'The glass-brain projections above show the same graph.';
    return;
  }
  const nv = new Niivue({
    backColor: [1, 1, 1, 1], show3Dcrosshair: false, isColorbar: false, isOrientCube: true,
    // The graph lies inside the atlas volume: let it show through.
    meshXRay: 0.8,
  });
  await nv.attachToCanvas(canvas);
  const atlas = await NVImage.loadFromBase64({
    base64: data.atlas.base64,
    name: data.atlas.name,
    colormap: 'gray',
    opacity: 0.2,
    cal_min: 0,
    cal_max: data.atlas.maxLabel,
  });
  nv.addVolume(atlas);
  nv.loadConnectome(data.connectome);
  nv.setSliceType(nv.sliceTypeRender);
  // An oblique view from front-left-above shows all three axes of the graph at once.
  nv.setRenderAzimuthElevation(120, 20);
  status.textContent = 'Drag to rotate, scroll to zoom. ' + data.connectome.nodes.length
    + ' regions, ' + data.connectome.edges.length + ' strongest edges.';
  canvas.dataset.ready = 'true';
}

window.addEventListener('DOMContentLoaded', () => {
  showViewer().catch((e) => {
    const status = document.getElementById('niivue-status');
    if (status) {
      status.textContent = '3D view failed: ' + e.message;
    }
    throw e;
  });
});
