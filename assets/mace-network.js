// The MACE network drawn with Cytoscape.js: the same data as the table under it (which needs no script), fetched from
// the page's `data-url` (an audited, permission-checked view). Selecting a node shows only what it is linked with;
// selecting the background shows everything again. `window.maceNetwork` is the Cytoscape instance (the browser test
// counts its nodes).
(function () {
  'use strict'
  var container = document.getElementById('mace-network')
  if (!container || typeof window.cytoscape !== 'function') return
  var status = document.getElementById('network-status')
  var key = document.getElementById('network-key')

  var LEVEL_COLOURS = { 'High risk': '#d4351c', 'Medium risk': '#f47738', 'Low risk': '#ffdd00' }
  var SHAPES = { child: 'ellipse', adult: 'diamond', place: 'round-rectangle', vehicle: 'triangle', phone: 'hexagon' }
  var COLOURS = { child: '#505a5f', adult: '#4c2c92', place: '#1d70b8', vehicle: '#00703c', phone: '#5694ca' }

  function say (text) { if (status) status.textContent = text }

  // Cytoscape.js adds a <style> element for its container unless one with this id is already there; our content
  // security policy refuses inline styles, so the rule lives in frontdoor.scss and this empty marker stands in.
  if (!document.getElementById('__________cytoscape_stylesheet')) {
    var marker = document.createElement('meta')
    marker.id = '__________cytoscape_stylesheet'
    document.head.appendChild(marker)
  }

  fetch(container.getAttribute('data-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('status ' + response.status)
      return response.json()
    })
    .then(function (data) {
      if (!data.elements.nodes.length) { say(data.description); return }
      container.hidden = false
      if (key) key.hidden = false
      var cy = window.cytoscape({
        container: container,
        elements: data.elements,
        wheelSensitivity: 0.3,
        style: [
          { selector: 'node',
            style: { label: 'data(label)', shape: function (n) { return SHAPES[n.data('kind')] || 'ellipse' },
              'background-color': function (n) { return LEVEL_COLOURS[n.data('level')] || COLOURS[n.data('kind')] || '#505a5f' },
              'border-width': 2, 'border-color': '#0b0c0c', color: '#0b0c0c', 'font-size': 12,
              'text-wrap': 'wrap', 'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 4,
              width: 28, height: 28 } },
          { selector: 'edge',
            style: { width: 2, 'line-color': '#505a5f', 'curve-style': 'bezier' } },
          { selector: '.faded', style: { opacity: 0.15 } },
          { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffdd00' } }
        ],
        layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90 }
      })
      cy.on('tap', 'node', function (event) {
        var node = event.target
        var near = node.closedNeighborhood()
        cy.elements().addClass('faded')
        near.removeClass('faded')
        say(node.data('label') + ' (' + node.data('kind_words').toLowerCase() + ') is linked with ' +
          node.neighborhood('node').map(function (n) { return n.data('label') }).join(', ') + '.')
      })
      cy.on('tap', function (event) {
        if (event.target === cy) { cy.elements().removeClass('faded'); say('Showing the whole network.') }
      })
      window.maceNetwork = cy
      container.setAttribute('data-drawn', String(cy.nodes().length))
    })
    .catch(function () {
      say('The picture could not be drawn. The table below shows the same network.')
    })
})()
