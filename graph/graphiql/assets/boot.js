// Mounts GraphiQL into #graphiql. Written for metricsd, not vendored: it
// is a file rather than an inline script so the page's Content-Security-Policy
// can forbid inline scripts. data-endpoint holds the GraphQL endpoint path.
(function () {
  'use strict';
  var container = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: container.dataset.endpoint });
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true })
  );
})();
