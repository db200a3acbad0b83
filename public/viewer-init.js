// Trunk's initializer for the first paint's module (index.html,
// data-initializer): tells the page's loader when the viewer has finished,
// whether it drew the design or failed, so the editor starts either way.
export default function viewerInit() {
  return {
    onStart: () => {
      window.topoformViewer = 'started';
    },
    onComplete: () => {
      window.topoformViewer = 'done';
      dispatchEvent(new Event('topoform-viewed'));
    },
  };
}
